"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteFlow } from "../actions";

export function DeleteFlowButton({ slug, flowId, name }: { slug: string; flowId: string; name: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel="Delete flow"
      title={`Delete ${name}?`}
      confirmLabel="Delete"
      onConfirm={async () => {
        const result = await deleteFlow(slug, null, { flowId });
        if (result.ok) router.push(`/t/${slug}/flows`);
        return result;
      }}
    >
      The flow and its run history are deleted for everyone in this tenant. This cannot be undone.
    </ConfirmDialog>
  );
}
