"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteFlow } from "../actions";
import { withEnvironment, type Environment } from "@/lib/flows/environment-labels";

export function DeleteFlowButton({ slug, flowId, name, environment }: { slug: string; flowId: string; name: string; environment: Environment }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel="Delete flow"
      title={`Delete ${name}?`}
      confirmLabel="Delete"
      onConfirm={async () => {
        const result = await deleteFlow(slug, null, { flowId, environment });
        if (result.ok) router.push(withEnvironment(`/t/${slug}/flows`, environment));
        return result;
      }}
    >
      The flow and its run history are deleted for everyone in this tenant. This cannot be undone.
    </ConfirmDialog>
  );
}
