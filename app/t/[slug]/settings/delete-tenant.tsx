"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { TenantAction } from "@/lib/actions/tenant-action";

/** "Delete tenant": a dialog that stays shut until the tenant's exact name is typed. */
export function DeleteTenant({ slug, name, deleteTenant }: { slug: string; name: string; deleteTenant: TenantAction<null> }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel="Delete tenant"
      title={`Delete ${name}?`}
      confirmLabel="Delete this tenant"
      requireText={name}
      requireTextLabel={`Type the tenant's name, ${name}, to confirm`}
      onConfirm={async (typed) => {
        const result = await deleteTenant(slug, null, { confirmName: typed });
        // `/` lands in another of the caller's tenants, or says they have none.
        if (result.ok) router.replace("/");
        return result;
      }}
    >
      <p>
        This permanently deletes the tenant with its members, approved domains, flows and activity log. Members lose
        access at once. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
