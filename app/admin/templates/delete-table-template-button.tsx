"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteTableTemplate } from "./table-template-actions";

export function DeleteTableTemplateButton({ templateId, name }: { templateId: string; name: string }) {
  return (
    <ConfirmDialog triggerLabel="Delete template" title={`Delete the table template ${name}?`} confirmLabel="Delete template" onConfirm={() => deleteTableTemplate(null, { templateId })}>
      Tenants will no longer see it. A template a tenant uses is not deleted.
    </ConfirmDialog>
  );
}
