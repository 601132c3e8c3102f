"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteFlowTemplate } from "./actions";

export function DeleteFlowTemplateButton({ templateId, name }: { templateId: string; name: string }) {
  return (
    <ConfirmDialog triggerLabel="Delete template" title={`Delete the template ${name}?`} confirmLabel="Delete template" onConfirm={() => deleteFlowTemplate(null, { templateId })}>
      Tenants will no longer see it. A template a tenant uses is not deleted.
    </ConfirmDialog>
  );
}
