"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TemplateActionButton } from "../../flows/templates/template-action-button";
import { removeTableTemplateUse, resetTableTemplateField } from "./actions";

export function ResetTableFieldButton({ slug, tableId, field }: { slug: string; tableId: string; field: string }) {
  return <TemplateActionButton label="Reset to template" call={() => resetTableTemplateField(slug, null, { tableId, field })} />;
}

export function StopUsingTableTemplateButton({ slug, tableId, name }: { slug: string; tableId: string; name: string }) {
  return (
    <ConfirmDialog
      triggerLabel="Stop using template"
      title={`Stop using the template for ${name}?`}
      confirmLabel="Stop using template"
      onConfirm={() => removeTableTemplateUse(slug, null, { tableId })}
    >
      The table and its rows stay, as they read now, as a table of this tenant&apos;s own; it no longer follows the template.
    </ConfirmDialog>
  );
}
