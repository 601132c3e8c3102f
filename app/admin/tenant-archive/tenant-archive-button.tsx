"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { archiveTenantAsSuperadmin, restoreTenantAsSuperadmin } from "./actions";

/** A tenant row's status ("Archived" marked) with "Archive tenant" or "Restore tenant", after confirming. */
export function TenantArchiveButton({ tenantId, tenantName, archived }: { tenantId: string; tenantName: string; archived: boolean }) {
  return (
    <div className="flex flex-col items-start gap-1">
      {archived ? <Badge tone="amber">Archived</Badge> : <Badge tone="green">Active</Badge>}
      <ConfirmDialog
        triggerLabel={archived ? "Restore tenant" : "Archive tenant"}
        triggerVariant="secondary"
        title={archived ? `Restore ${tenantName}?` : `Archive ${tenantName}?`}
        confirmLabel={archived ? "Restore this tenant" : "Archive this tenant"}
        onConfirm={() => (archived ? restoreTenantAsSuperadmin : archiveTenantAsSuperadmin)(null, { tenantId })}
      >
        {archived
          ? "Its members can change things again, its API keys and integration tokens work again and its flows run again."
          : "The tenant becomes read-only: members can still see everything but change nothing, flows do not run, and its API keys and integration tokens are refused."}{" "}
        Recorded in the tenant&apos;s log.
      </ConfirmDialog>
    </div>
  );
}
