"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteDataTableAction } from "../actions";

export function DeleteTableButton({ slug, tableId, name }: { slug: string; tableId: string; name: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel="Delete table"
      title={`Delete ${name}?`}
      confirmLabel="Delete"
      onConfirm={async () => {
        const result = await deleteDataTableAction(slug, null, { tableId });
        if (result.ok) router.push(`/t/${slug}/tables`);
        return result;
      }}
    >
      The table and all its rows are deleted for everyone in this tenant. This cannot be undone.
    </ConfirmDialog>
  );
}
