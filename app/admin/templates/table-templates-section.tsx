import type { TableTemplate } from "@/db/schema";
import { EmptyState } from "@/components/ui/empty-state";
import { FormCard } from "@/components/ui/form-card";
import { COLUMN_TYPE_LABELS } from "@/lib/data-tables/column-rules";
import { formatDateTime } from "@/lib/format";
import { DeleteTableTemplateButton } from "./delete-table-template-button";
import { TableTemplateForm } from "./table-template-form";

/** /admin/templates' second section: table templates (typed columns, as data tables have them). */
export function TableTemplatesSection({ templates }: { templates: TableTemplate[] }) {
  return (
    <section aria-labelledby="table-templates-heading" className="mt-10">
      <h2 id="table-templates-heading" className="mb-3 text-lg font-semibold">
        Table templates
      </h2>
      <FormCard title="New table template">
        <div className="mt-4">
          <TableTemplateForm />
        </div>
      </FormCard>
      {templates.length === 0 ? (
        <EmptyState title="No table templates yet">Create one above.</EmptyState>
      ) : (
        <ul aria-label="Table templates" className="mt-3 space-y-4">
          {templates.map((template) => (
            <li key={template.id} aria-label={template.name} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
                <h3 className="font-medium">{template.name}</h3>
                <DeleteTableTemplateButton templateId={template.id} name={template.name} />
              </div>
              <p className="mb-3 text-xs text-slate-600">
                {`${template.columns.map((column) => `${column.name} (${COLUMN_TYPE_LABELS[column.type]})`).join(", ")} · updated ${formatDateTime(template.updatedAt)}`}
              </p>
              <TableTemplateForm template={{ id: template.id, name: template.name, description: template.description, columns: template.columns }} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
