"use client";

import type { OverridableField } from "@/lib/templates/effective-flow";
import { resetFlowTemplateField } from "./actions";
import { TemplateActionButton } from "./template-action-button";

/** Shown for a customised field; kept (without its button) once reset, so its answer stays readable. */
export function ResetFieldButton({ slug, useId, field, customised }: { slug: string; useId: string; field: OverridableField; customised: boolean }) {
  return <TemplateActionButton label="Reset to template" available={customised} call={() => resetFlowTemplateField(slug, null, { useId, field })} />;
}
