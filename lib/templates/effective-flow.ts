// How a tenant's customised flow template reads (issue 14, item 3). Chosen: resolve at read time.
// The customisation row stores only the tenant's overrides (null = not set), never a copy of the
// template, so a template change shows in every tenant that did not override that field, at once and
// without the console writing into tenants. Each field says where its value comes from, for the UI's
// "Inherited from template" / "Customised" marks and "Reset to template".
import type { FlowTemplateFields } from "@/db/queries/flow-templates";

export const OVERRIDABLE_FIELDS = ["name", "description", "extraSteps"] as const;
export type OverridableField = (typeof OVERRIDABLE_FIELDS)[number];

export const FIELD_LABELS: Record<OverridableField, string> = { name: "Name", description: "Description", extraSteps: "Extra steps" };

export interface FlowTemplateOverrideRow {
  name: string | null;
  description: string | null;
  extraSteps: string[] | null;
}

export interface EffectiveFlow {
  name: string;
  description: string;
  /** The template's steps, then the tenant's extra steps. */
  steps: string[];
  templateSteps: string[];
  extraSteps: string[];
  /** Fields the tenant has set; every other one is inherited from the template. */
  customised: Record<OverridableField, boolean>;
}

export function effectiveFlow(template: FlowTemplateFields, use: FlowTemplateOverrideRow): EffectiveFlow {
  const extraSteps = use.extraSteps ?? [];
  return {
    name: use.name ?? template.name,
    description: use.description ?? template.description,
    steps: [...template.steps, ...extraSteps],
    templateSteps: template.steps,
    extraSteps,
    customised: { name: use.name !== null, description: use.description !== null, extraSteps: use.extraSteps !== null },
  };
}
