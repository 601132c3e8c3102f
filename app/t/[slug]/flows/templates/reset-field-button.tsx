"use client";

import type { OverridableField } from "@/lib/templates/effective-flow";
import { resetFlowTemplateField } from "./actions";
import { TemplateActionButton } from "./template-action-button";

export function ResetFieldButton({ slug, useId, field }: { slug: string; useId: string; field: OverridableField }) {
  return <TemplateActionButton label="Reset to template" call={() => resetFlowTemplateField(slug, null, { useId, field })} />;
}
