import type { EffectiveTable } from "@/lib/templates/effective-table";
import { COLUMN_TYPE_LABELS } from "@/lib/data-tables/column-rules";
import { CustomiseTableForm } from "../templates/customise-table-form";
import { ResetTableFieldButton, StopUsingTableTemplateButton } from "../templates/table-template-buttons";

const MARKS = {
  inherited: { text: "Inherited from template", className: "bg-slate-100 text-slate-700" },
  customised: { text: "Customised", className: "bg-amber-100 text-amber-900" },
  tenant: { text: "Added by this tenant", className: "bg-blue-50 text-blue-900" },
  removed: { text: "Removed from template (values kept)", className: "bg-red-50 text-red-900" },
};

function Field({ label, value, mark, reset }: { label: string; value: string; mark: keyof typeof MARKS; reset?: React.ReactNode }) {
  return (
    <li aria-label={label} className="flex flex-wrap items-center gap-2">
      <span className="w-40 font-medium">{label}</span>
      <span>{value}</span>
      <span className={`rounded px-2 py-0.5 text-xs ${MARKS[mark].className}`}>{MARKS[mark].text}</span>
      {reset}
    </li>
  );
}

/**
 * A table made from a workspace template: where each part of its definition comes from (the
 * template's, "Inherited from template"; the tenant's, "Customised", with "Reset to template"), the
 * customisation form and "Stop using template" for callers with tables.write.
 */
export function TemplateSection({ slug, tableId, templateName, effective, canWrite }: { slug: string; tableId: string; templateName: string; effective: EffectiveTable; canWrite: boolean }) {
  const reset = (field: string) => (canWrite ? <ResetTableFieldButton slug={slug} tableId={tableId} field={field} /> : undefined);
  const templateColumns = effective.columns.filter((column) => column.source === "template");
  const extras = effective.columns.filter((column) => column.source === "tenant");
  return (
    <section aria-labelledby="template-heading" className="mb-6 rounded-lg border border-slate-200 bg-white p-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="template-heading" className="text-lg font-semibold">
          Template
        </h2>
        {canWrite && <StopUsingTableTemplateButton slug={slug} tableId={tableId} name={effective.name} />}
      </div>
      <p className="mt-1 text-sm text-slate-600">{`From the workspace template ${templateName}. The rows are this tenant's own; a column the template removes or retypes stays here with its values.`}</p>
      <ul aria-label="Template fields" className="mt-3 space-y-2 text-sm">
        <Field label="Table name" value={effective.name} mark={effective.customised.name ? "customised" : "inherited"} reset={effective.customised.name ? reset("name") : undefined} />
        {effective.columns.map((column) => (
          <Field
            key={column.key}
            label={`Column ${column.name}`}
            value={COLUMN_TYPE_LABELS[column.type]}
            mark={column.source === "template" ? (column.customised ? "customised" : "inherited") : column.source}
            reset={column.source === "template" && column.customised ? reset(`label.${column.templateKey}`) : undefined}
          />
        ))}
        {effective.customised.extraColumns && (
          <li aria-label="Extra columns" className="flex flex-wrap items-center gap-2">
            <span className="w-40 font-medium">Extra columns</span>
            <span>{extras.map((column) => column.name).join(", ")}</span>
            {reset("extraColumns")}
          </li>
        )}
      </ul>
      {canWrite && (
        <CustomiseTableForm
          slug={slug}
          tableId={tableId}
          current={{
            name: effective.name,
            labels: templateColumns.map((column) => ({ key: column.templateKey!, label: column.name })),
            extras: extras.map((column) => ({ key: column.key.slice("x:".length), name: column.name, type: column.type })),
          }}
        />
      )}
    </section>
  );
}
