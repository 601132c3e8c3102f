"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deletePackage } from "./actions";

/** "Delete": asks first; the flows and versions its deploys made stay (only the package goes). */
export function DeletePackageButton({ slug, packageId, name }: { slug: string; packageId: string; name: string }) {
  return (
    <ConfirmDialog
      triggerLabel={`Delete ${name}`}
      triggerVariant="danger"
      title={`Delete ${name}?`}
      confirmLabel="Delete package"
      onConfirm={() => deletePackage(slug, null, { packageId })}
    >
      <p>The package can no longer be deployed. The flows it deployed, and their versions, stay as they are.</p>
    </ConfirmDialog>
  );
}
