"use client";

import { applyFlowTemplate } from "./actions";
import { TemplateActionButton } from "./template-action-button";
import type { Environment } from "@/db/schema/flows";
import { MADE_BESIDE_FLOW } from "@/lib/templates/template-flow-name";

/** Makes a flow of the environment the flows page shows from the template, then opens its customisation. */
export function UseTemplateButton({ slug, templateId, environment }: { slug: string; templateId: string; environment: Environment }) {
  return (
    <TemplateActionButton
      label="Use template"
      call={() => applyFlowTemplate(slug, null, { templateId, environment })}
      goTo={(made) => `/t/${slug}/flows/templates/${made.id}${made.besideFlow ? `?made=${MADE_BESIDE_FLOW}` : ""}`}
    />
  );
}
