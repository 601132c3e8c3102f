"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { removeFlowTemplateUse } from "./actions";

/** Stops following the template; the flow stays (see removeFlowTemplateUse), so this opens it afterwards. */
export function RemoveTemplateUseButton({ slug, useId, name, flowHref }: { slug: string; useId: string; name: string; flowHref: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel="Stop using template"
      title={`Stop using the template for ${name}?`}
      confirmLabel="Stop using template"
      onConfirm={() => removeFlowTemplateUse(slug, null, { useId })}
      onConfirmed={() => router.push(flowHref)}
    >
      The flow stays as a plain flow with its current name and steps, runs and history, and no longer follows
      template changes. Its customisation is removed. The workspace template stays.
    </ConfirmDialog>
  );
}
