// How a tenant's table made from a workspace table template reads (issue 14, item 3). Chosen, as for
// flow templates: resolve at read time. The tenant's use stores only its overrides (table name, column
// labels, extra columns; null = inherited), so a template change reaches every field the tenant did not
// override, without the console writing into tenants.
//
// The rows are the tenant's own and are never rewritten by a template change. Each column's values are
// stored under a key that does not change with its label: "t:<template column key>:<type>" for a
// template column, "x:<key>" for an extra one. The table's stored column list (data_tables.columns)
// keeps every column the table has had, in the order they came (a row's sort keys follow that order):
//   - a column the template removes stays in the table, marked removed, with its values (nothing lost);
//   - a column the template retypes gets a new key: the old column stays, marked removed, with its
//     values as they were typed, and the new type arrives as a new, empty column. Retyped back, the old
//     column (and its values) is the template's again. No value is ever converted or dropped.
// Columns new to the table go after the stored ones; the stored list is brought up to date whenever a
// row of the table is written (db/queries/data-tables.ts), before the row's sort keys are computed.
import type { DataColumn } from "@/db/schema/data-tables";
import type { TemplateColumn } from "@/db/schema/table-templates";

export type ColumnSource = "template" | "tenant" | "removed";

export interface EffectiveColumn extends DataColumn {
  key: string;
  /** The template's column, the tenant's extra column, or one no longer in the template (values kept). */
  source: ColumnSource;
  /** The template column's key, for a template column (the label override's key). */
  templateKey?: string;
  /** The label is the tenant's (template columns only). */
  customised: boolean;
}

export interface TableTemplateOverrideRow {
  name: string | null;
  columnLabels: Record<string, string> | null;
  extraColumns: TemplateColumn[] | null;
}

export interface EffectiveTable {
  name: string;
  columns: EffectiveColumn[];
  customised: { name: boolean; extraColumns: boolean };
}

export const templateValueKey = (column: Pick<TemplateColumn, "key" | "type">) => `t:${column.key}:${column.type}`;
export const extraValueKey = (column: Pick<TemplateColumn, "key">) => `x:${column.key}`;

export function effectiveTable(
  template: { name: string; columns: TemplateColumn[] },
  use: TableTemplateOverrideRow,
  stored: readonly DataColumn[],
): EffectiveTable {
  const labels = use.columnLabels ?? {};
  const wanted: EffectiveColumn[] = [
    ...template.columns.map((column) => ({
      key: templateValueKey(column),
      name: labels[column.key] ?? column.name,
      type: column.type,
      source: "template" as const,
      templateKey: column.key,
      customised: labels[column.key] !== undefined,
    })),
    ...(use.extraColumns ?? []).map((column) => ({ key: extraValueKey(column), name: column.name, type: column.type, source: "tenant" as const, customised: false })),
  ];
  const byKey = new Map(wanted.map((column) => [column.key, column]));
  const storedKeys = new Set(stored.map((column) => column.key ?? column.name));
  const columns: EffectiveColumn[] = [
    ...stored.map((column) => {
      const key = column.key ?? column.name;
      return byKey.get(key) ?? { key, name: column.name, type: column.type, source: "removed" as const, customised: false };
    }),
    ...wanted.filter((column) => !storedKeys.has(column.key)),
  ];
  return { name: use.name ?? template.name, columns, customised: { name: use.name !== null, extraColumns: use.extraColumns !== null } };
}

/**
 * A template table's name as the tenant reads it when one of the tenant's own tables has the same name
 * (in any case): a template renamed by a superadmin to it, which the console cannot refuse for every
 * tenant's tables. The tenant's own table keeps its name; the template table is told apart by a suffix
 * until the tenant customises its name (an override equal to an own table's name is refused).
 */
export const TEMPLATE_NAME_SUFFIX = " (template)";
export const nameBesideOwnTables = (name: string, ownNames: ReadonlySet<string>) => (ownNames.has(name.toLowerCase()) ? `${name}${TEMPLATE_NAME_SUFFIX}` : name);

/** What data_tables.columns stores for the effective columns (each with its key and last label). */
export const storedColumns = (columns: readonly EffectiveColumn[]): DataColumn[] => columns.map(({ key, name, type }) => ({ key, name, type }));
