"use client";

import { TemplateActionButton } from "../../flows/templates/template-action-button";
import { applyTableTemplate } from "./actions";

export function UseTableTemplateButton({ slug, templateId }: { slug: string; templateId: string }) {
  return <TemplateActionButton label="Use template" call={() => applyTableTemplate(slug, null, { templateId })} goTo={(made) => `/t/${slug}/tables/${made.id}`} />;
}
