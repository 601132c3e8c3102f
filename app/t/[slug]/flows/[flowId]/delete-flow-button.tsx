"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteFlow } from "../actions";
import type { Environment } from "@/db/schema/flows";

export function DeleteFlowButton({ slug, flowId, name, environment }: { slug: string; flowId: string; name: string; environment: Environment }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel="Delete flow"
      title={`Delete ${name}?`}
      confirmLabel="Delete"
      onConfirm={async () => {
        const result = await deleteFlow(slug, null, { flowId, environment });
        if (result.ok) router.push(environment === "production" ? `/t/${slug}/flows` : `/t/${slug}/flows?env=${environment}`);
        return result;
      }}
    >
      The flow and its run history are deleted for everyone in this tenant. This cannot be undone.
    </ConfirmDialog>
  );
}
