import type { Metadata } from "next";
import { listFlowTemplates } from "@/db/queries/flow-templates";
import { listTableTemplates } from "@/db/queries/table-templates";
import { EmptyState } from "@/components/ui/empty-state";
import { FormCard } from "@/components/ui/form-card";
import { PageHeader } from "@/components/ui/page-header";
import { describeSteps } from "@/lib/flows/steps";
import { formatDateTime } from "@/lib/format";
import { withPlatformPage } from "@/lib/platform-page";
import { DeleteFlowTemplateButton } from "./delete-flow-template-button";
import { FlowTemplateForm } from "./flow-template-form";
import { TableTemplatesSection } from "./table-templates-section";

export const metadata: Metadata = { title: "Templates" };

// Superadmins only (withPlatformPage answers 404 to anyone else). Few rows: no paging or URL state.
export default async function TemplatesPage() {
  const [templates, tableTemplates] = await withPlatformPage((tx) => Promise.all([listFlowTemplates(tx), listTableTemplates(tx)]));
  return (
    <section>
      <PageHeader
        title="Templates"
        description="Flow and table templates every tenant sees read-only. A tenant that uses one may override its names and add steps or columns; a change here reaches every tenant wherever it did not override that field."
      />
      <FormCard title="New flow template">
        <div className="mt-4">
          <FlowTemplateForm />
        </div>
      </FormCard>
      <h2 className="mt-8 text-lg font-semibold">Flow templates</h2>
      {templates.length === 0 ? (
        <EmptyState title="No flow templates yet">Create one above.</EmptyState>
      ) : (
        <ul className="mt-3 space-y-4">
          {templates.map((template) => (
            <li key={template.id} aria-label={template.name} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
                <h3 className="font-medium">{template.name}</h3>
                <DeleteFlowTemplateButton templateId={template.id} name={template.name} />
              </div>
              <p className="mb-3 text-xs text-slate-600">{`${describeSteps(template.steps)} · updated ${formatDateTime(template.updatedAt)}`}</p>
              <FlowTemplateForm template={{ id: template.id, name: template.name, description: template.description, steps: template.steps }} />
            </li>
          ))}
        </ul>
      )}
      <TableTemplatesSection templates={tableTemplates} />
    </section>
  );
}
