import type { TableTemplate } from "@/db/schema";
import { COLUMN_TYPE_LABELS } from "@/lib/data-tables/column-rules";
import { UseTableTemplateButton } from "./use-table-template-button";

/**
 * The tables page's templates: the workspace's table templates (read-only; "Use template" for callers
 * with tables.write, for a template this tenant does not use yet). The tables made from them are in the
 * page's list of tables, as they read now.
 */
export function TableTemplatesSection({ slug, templates, used, canWrite }: { slug: string; templates: TableTemplate[]; used: Set<string>; canWrite: boolean }) {
  return (
    <section aria-labelledby="table-templates-heading" className="mt-8">
      <h2 id="table-templates-heading" className="text-lg font-semibold">
        Table templates
      </h2>
      {templates.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">The workspace has no table templates yet.</p>
      ) : (
        <ul aria-label="Workspace table templates" className="mt-3 grid gap-3 md:grid-cols-2">
          {templates.map((template) => (
            <li key={template.id} aria-label={template.name} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
              <p className="font-medium">{template.name}</p>
              {template.description && <p className="text-slate-700">{template.description}</p>}
              <p className="text-xs text-slate-600">{template.columns.map((column) => `${column.name} (${COLUMN_TYPE_LABELS[column.type]})`).join(", ")}</p>
              {used.has(template.id) && <p className="mt-1 text-xs text-slate-600">This tenant uses it.</p>}
              {canWrite && !used.has(template.id) && (
                <div className="mt-2">
                  <UseTableTemplateButton slug={slug} templateId={template.id} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
