"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { TenantAction } from "@/lib/actions/tenant-action";

/**
 * "Archive tenant" (a dialog naming the tenant) while it is active, "Restore tenant" while it is
 * archived. What archiving does is said in the dialog and in the section above it (page.tsx).
 */
export function ArchiveTenant({
  slug,
  name,
  archived,
  archiveTenant,
  restoreTenant,
}: {
  slug: string;
  name: string;
  archived: boolean;
  archiveTenant: TenantAction<null>;
  restoreTenant: TenantAction<null>;
}) {
  const router = useRouter();
  if (archived) {
    return (
      <ConfirmDialog
        triggerLabel="Restore tenant"
        triggerVariant="primary"
        title={`Restore ${name}?`}
        confirmLabel="Restore this tenant"
        onConfirm={async () => {
          const result = await restoreTenant(slug, null, {});
          if (result.ok) router.refresh();
          return result;
        }}
      >
        <p>Members can change things again, API keys and integration tokens work again and flows run again.</p>
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog
      triggerLabel="Archive tenant"
      title={`Archive ${name}?`}
      confirmLabel="Archive this tenant"
      onConfirm={async () => {
        const result = await archiveTenant(slug, null, {});
        if (result.ok) router.refresh();
        return result;
      }}
    >
      <p>
        {name} becomes read-only: members can still see everything, but nothing can be changed and flows do not run.
        Its API keys and integration tokens are refused. An Admin or a superadmin can restore it at any time.
      </p>
    </ConfirmDialog>
  );
}
