"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LiveRegion } from "@/components/ui/live-region";
import { clearTenantIpAllowLists } from "./actions";

/** A tenant row's way back in when its IP allow-lists shut its Admins out: every list cleared, after confirming. */
export function ClearIpAllowLists({ tenantId, tenantName }: { tenantId: string; tenantName: string }) {
  const [cleared, setCleared] = useState(false);
  return (
    <div>
      <ConfirmDialog
        triggerLabel="Clear IP allow-lists"
        triggerVariant="secondary"
        title={`Clear ${tenantName}'s IP allow-lists?`}
        confirmLabel="Clear IP allow-lists"
        onConfirm={async () => {
          const result = await clearTenantIpAllowLists(null, { tenantId });
          if (result.ok) setCleared(true);
          return result;
        }}
      >
        Every kind of access (run, edit, admin, package) is open from any address again. Recorded in the tenant&apos;s log.
      </ConfirmDialog>
      <LiveRegion className="mt-1 text-xs">{cleared && <p role="status" className="text-green-800">IP allow-lists cleared.</p>}</LiveRegion>
    </div>
  );
}
