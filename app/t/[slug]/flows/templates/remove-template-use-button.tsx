"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { removeFlowTemplateUse } from "./actions";

export function RemoveTemplateUseButton({ slug, useId, name }: { slug: string; useId: string; name: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel="Stop using template"
      title={`Stop using the template for ${name}?`}
      confirmLabel="Stop using template"
      onConfirm={() => removeFlowTemplateUse(slug, null, { useId })}
      onConfirmed={() => router.push(`/t/${slug}/flows`)}
    >
      The flow and its customisation are removed from this tenant. The workspace template stays.
    </ConfirmDialog>
  );
}
