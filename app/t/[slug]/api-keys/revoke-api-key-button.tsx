"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { revokeApiKey } from "./actions";

export function RevokeApiKeyButton({ slug, apiKeyId, name }: { slug: string; apiKeyId: string; name: string }) {
  return (
    <ConfirmDialog triggerLabel="Revoke" title={`Revoke ${name}?`} confirmLabel="Revoke API key" onConfirm={() => revokeApiKey(slug, null, { apiKeyId })}>
      Requests with this key are refused from the next one on. This cannot be undone: create a new key to replace it.
    </ConfirmDialog>
  );
}
