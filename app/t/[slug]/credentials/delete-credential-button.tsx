"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteCredential } from "./actions";

export function DeleteCredentialButton({ slug, credentialId, name }: { slug: string; credentialId: string; name: string }) {
  return (
    <ConfirmDialog
      triggerLabel="Delete credential"
      title={`Delete ${name}?`}
      confirmLabel="Delete"
      onConfirm={() => deleteCredential(slug, null, { credentialId })}
    >
      The value is deleted for everyone in this tenant; flows that use this credential will no longer find it. This cannot be undone.
    </ConfirmDialog>
  );
}
