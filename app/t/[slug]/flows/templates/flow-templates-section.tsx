import Link from "next/link";
import type { Environment, FlowTemplate } from "@/db/schema";
import { describeSteps } from "@/lib/flows/steps";
import { effectiveFlow, type FlowTemplateOverrideRow } from "@/lib/templates/effective-flow";
import { UseTemplateButton } from "./use-template-button";

/**
 * The flows page's templates: the workspace's flow templates (read-only; "Use template" for callers
 * with flows.write) and the tenant's flows made from them, as they read now (template + overrides).
 */
export function FlowTemplatesSection({
  slug,
  templates,
  uses,
  canWrite,
  environment,
}: {
  slug: string;
  templates: FlowTemplate[];
  /** `flowName`: the flow's own name, which may be "<name> (template)" beside another flow (db/queries/template-flows.ts). */
  uses: { use: FlowTemplateOverrideRow & { id: string; templateId: string }; template: Pick<FlowTemplate, "name" | "description" | "steps">; flowName: string }[];
  canWrite: boolean;
  environment: Environment;
}) {
  const used = new Set(uses.map(({ use }) => use.templateId));
  return (
    <section aria-labelledby="flow-templates-heading" className="mt-8">
      <h2 id="flow-templates-heading" className="text-lg font-semibold">
        Flow templates
      </h2>
      {uses.length > 0 && (
        <ul aria-label="Flows from templates" className="mt-2 space-y-1 text-sm">
          {uses.map(({ use, template, flowName }) => {
            const flow = effectiveFlow(template, use);
            return (
              <li key={use.id}>
                <Link href={`/t/${slug}/flows/templates/${use.id}`} className="font-medium text-blue-800 hover:underline">
                  {flowName}
                </Link>
                <span className="text-slate-600">{` · from the template ${template.name} · ${describeSteps(flow.steps)}`}</span>
              </li>
            );
          })}
        </ul>
      )}
      {templates.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">The workspace has no flow templates yet.</p>
      ) : (
        <ul aria-label="Workspace flow templates" className="mt-3 grid gap-3 md:grid-cols-2">
          {templates.map((template) => (
            <li key={template.id} aria-label={template.name} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
              <p className="font-medium">{template.name}</p>
              {template.description && <p className="text-slate-700">{template.description}</p>}
              <p className="text-xs text-slate-600">{describeSteps(template.steps)}</p>
              {canWrite && !used.has(template.id) && (
                <div className="mt-2">
                  <UseTemplateButton slug={slug} templateId={template.id} environment={environment} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
