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
  const verb = archived ? "Restore" : "Archive";
  return (
    <ConfirmDialog
      triggerLabel={`${verb} tenant`}
      triggerVariant={archived ? "primary" : "danger"}
      title={`${verb} ${name}?`}
      confirmLabel={`${verb} this tenant`}
      onConfirm={async () => {
        const result = await (archived ? restoreTenant : archiveTenant)(slug, null, {});
        if (result.ok) router.refresh();
        return result;
      }}
    >
      <p>
        {archived
          ? "Members can change things again, API keys and integration tokens work again and flows run again."
          : `${name} becomes read-only: members can still see everything, but nothing can be changed and flows do not run. Its API keys and integration tokens are refused. An Admin or a superadmin can restore it at any time.`}
      </p>
    </ConfirmDialog>
  );
}
