"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteDashboardAction } from "../actions";

export function DeleteDashboardButton({ slug, dashboardId, name }: { slug: string; dashboardId: string; name: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel="Delete dashboard"
      title={`Delete ${name}?`}
      confirmLabel="Delete"
      onConfirm={async () => {
        const result = await deleteDashboardAction(slug, null, { dashboardId });
        if (result.ok) router.push(`/t/${slug}/dashboards`);
        return result;
      }}
    >
      The dashboard and its widgets are deleted for everyone in this tenant. The tables and flow runs they show are not touched.
    </ConfirmDialog>
  );
}
