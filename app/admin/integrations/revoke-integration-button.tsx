"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { revokeIntegration } from "./actions";

export function RevokeIntegrationButton({ integrationId, name }: { integrationId: string; name: string }) {
  return (
    <ConfirmDialog triggerLabel="Revoke" title={`Revoke ${name}?`} confirmLabel="Revoke integration" onConfirm={() => revokeIntegration(null, { integrationId })}>
      Its tokens are refused from the next request on, in every tenant it created (the tenants stay). This cannot be undone.
    </ConfirmDialog>
  );
}
