"use client";

import { useId, useState } from "react";
import type { DataColumn } from "@/db/schema/data-tables";
import { Button } from "@/components/ui/button";
import { FieldErrors } from "@/components/ui/field-errors";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction, type SubmittedValues } from "@/components/ui/use-form-action";
import {
  CHART_DAYS,
  MEASURE_LABELS,
  NUMBER_MEASURES,
  RUN_STATUS_LABELS,
  RUN_STATUSES,
  TABLE_COLUMNS_MAX,
  TABLE_ROWS_MAX,
  TABLE_ROWS_MIN,
  WIDGET_KIND_LABELS,
  WIDGET_KINDS,
  type WidgetKind,
} from "@/lib/dashboards/widget-config";
import { valueKeyOf } from "@/lib/data-tables/column-rules";
import { addWidget } from "../actions";

export interface SourceTable {
  id: string;
  name: string;
  columns: DataColumn[];
}

const text = (values: SubmittedValues, name: string, fallback: string) => String([values[name] ?? fallback].flat()[0] ?? fallback);

/**
 * "Add widget": a button that shows the form (kind, title, source, then the options the kind and
 * source take). The options follow the chosen source's columns, each shown by its label and sent as
 * its value key (what the widget keeps: relabelling the column later leaves the widget working); the
 * server checks them again against the table as it is when the widget is saved, and answers under the
 * field.
 */
export function AddWidgetForm({ slug, dashboardId, tables }: { slug: string; dashboardId: string; tables: SourceTable[] }) {
  const formId = useId();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<WidgetKind>("number");
  const [source, setSource] = useState("flow_runs");
  const [measure, setMeasure] = useState("count");
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => addWidget(slug, previous, form));
  const table = tables.find((candidate) => `table:${candidate.id}` === source) ?? null;
  const columnsOfType = (type: DataColumn["type"]) => (table?.columns ?? []).filter((column) => column.type === type).map((column) => ({ value: valueKeyOf(column), label: column.name }));
  const chosenColumns = values.columns === undefined ? null : [values.columns].flat();
  const columnsErrorId = `${formId}-columns-error`;

  return (
    <div className="mb-6">
      <Button type="button" aria-expanded={open} aria-controls={formId} onClick={() => setOpen(!open)}>
        Add widget
      </Button>
      <section id={formId} hidden={!open} aria-label="Add widget" className="mt-4 rounded-lg border border-slate-200 bg-white p-6">
        <form key={version} action={formAction} noValidate className="grid max-w-xl gap-4">
          <input type="hidden" name="dashboardId" value={dashboardId} />
          <SelectField
            label="Kind"
            name="kind"
            value={kind}
            onChange={(event) => setKind(event.target.value as WidgetKind)}
            options={WIDGET_KINDS.map((value) => ({ value, label: WIDGET_KIND_LABELS[value] }))}
            errors={fieldErrors.kind}
          />
          <TextField label="Title" name="title" defaultValue={text(values, "title", "")} errors={fieldErrors.title} maxLength={80} />
          <SelectField
            label="Source"
            name="source"
            value={source}
            onChange={(event) => setSource(event.target.value)}
            options={[{ value: "flow_runs", label: "Flow runs (Production)" }, ...tables.map((t) => ({ value: `table:${t.id}`, label: `Table: ${t.name}` }))]}
            errors={fieldErrors.source}
          />

          {kind === "number" && !table && (
            <SelectField label="Status" name="status" defaultValue={text(values, "status", "any")} options={RUN_STATUSES.map((value) => ({ value, label: RUN_STATUS_LABELS[value] }))} errors={fieldErrors.status} />
          )}
          {kind === "number" && table && (
            <>
              <SelectField
                label="Measure"
                name="measure"
                value={measure}
                onChange={(event) => setMeasure(event.target.value)}
                options={NUMBER_MEASURES.map((value) => ({ value, label: MEASURE_LABELS[value] }))}
                errors={fieldErrors.measure}
              />
              {measure !== "count" && (
                <SelectField
                  label="Column"
                  name="column"
                  defaultValue={text(values, "column", "")}
                  options={[{ value: "", label: "Choose a number column" }, ...columnsOfType("number")]}
                  errors={fieldErrors.column}
                />
              )}
            </>
          )}

          {kind === "chart" && (
            <>
              <SelectField label="Days" name="days" defaultValue={text(values, "days", "30")} options={CHART_DAYS.map((days) => ({ value: String(days), label: `Last ${days} days` }))} errors={fieldErrors.days} />
              {table && (
                <SelectField
                  label="Date"
                  name="dateColumn"
                  defaultValue={text(values, "dateColumn", "")}
                  options={[{ value: "", label: "When the row was added" }, ...columnsOfType("date")]}
                  errors={fieldErrors.dateColumn}
                />
              )}
            </>
          )}

          {kind === "table" && (
            <>
              <TextField
                label="Rows"
                name="rows"
                type="number"
                min={TABLE_ROWS_MIN}
                max={TABLE_ROWS_MAX}
                defaultValue={text(values, "rows", String(TABLE_ROWS_MIN))}
                errors={fieldErrors.rows}
                description={`The first ${TABLE_ROWS_MIN} to ${TABLE_ROWS_MAX} rows${table ? "" : " (the latest runs)"}.`}
                className="w-40"
              />
              {table && (
                <fieldset aria-describedby={fieldErrors.columns?.length ? columnsErrorId : undefined}>
                  <legend className="text-sm font-medium">Columns</legend>
                  <p className="text-sm text-slate-600">{`At most ${TABLE_COLUMNS_MAX}.`}</p>
                  <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
                    {table.columns.map((column, index) => (
                      <label key={valueKeyOf(column)} className="flex items-center gap-2 text-sm">
                        <input
                          type="checkbox"
                          name="columns"
                          value={valueKeyOf(column)}
                          defaultChecked={chosenColumns ? chosenColumns.includes(valueKeyOf(column)) : index < TABLE_COLUMNS_MAX}
                          className="h-4 w-4"
                        />
                        {column.name}
                      </label>
                    ))}
                  </div>
                  <FieldErrors id={columnsErrorId} errors={fieldErrors.columns} />
                </fieldset>
              )}
            </>
          )}

          <div>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save widget"}
            </Button>
          </div>
        </form>
        <FormMessage result={result} className="mt-3" />
      </section>
    </div>
  );
}
