"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { Environment } from "@/db/schema/flows";
import { restoreFlowVersion } from "../../actions";

/** "Restore": after a confirmation, the flow becomes this version again, as its newest version. */
export function RestoreVersionButton({ slug, flowId, environment, version }: { slug: string; flowId: string; environment: Environment; version: number }) {
  return (
    <ConfirmDialog
      triggerLabel={`Restore version ${version}`}
      triggerVariant="secondary"
      title={`Restore version ${version}?`}
      confirmLabel="Restore"
      onConfirm={() => restoreFlowVersion(slug, null, { flowId, environment, version })}
    >
      The flow gets this version&apos;s name and steps as a new version; every version stays in the history.
    </ConfirmDialog>
  );
}
