"use client";

import { applyFlowTemplate } from "./actions";
import { TemplateActionButton } from "./template-action-button";

export function UseTemplateButton({ slug, templateId }: { slug: string; templateId: string }) {
  return <TemplateActionButton label="Use template" call={() => applyFlowTemplate(slug, null, { templateId })} goTo={(id) => `/t/${slug}/flows/templates/${id}`} />;
}
