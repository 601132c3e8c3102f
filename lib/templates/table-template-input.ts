// What the table template forms submit, parsed on the server (the messages show under the fields).
import { z } from "zod";
import { ColumnInput, columnList, DataIdInput, TableNameInput, withColumnPairs } from "@/lib/data-tables/table-input";
import { nameInput } from "@/lib/name-input";
import { TemplateDescriptionInput } from "./template-input";

/** A column's key as the form sends it back; anything else (or none) is a new column, given a new key. */
const ColumnKey = z
  .string()
  .regex(/^[a-z0-9]{1,16}$/)
  .optional()
  .catch(undefined);

const newKey = () => crypto.randomUUID().replaceAll("-", "").slice(0, 12);

const KeyedColumn = ColumnInput.extend({ key: ColumnKey }).transform((column) => ({ key: column.key ?? newKey(), name: column.name, type: column.type }));

const withKeys = (columns: { key: string }[]) => new Set(columns.map((column) => column.key)).size === columns.length;

export const TableTemplateInput = z.preprocess(
  withColumnPairs,
  z.object({
    name: nameInput("template"),
    description: TemplateDescriptionInput.default(""),
    columns: columnList(KeyedColumn).refine(withKeys, "Each column may appear once."),
  }),
);

/** The tenant's column labels: one "label.<template column key>" field per template column. */
function withLabels(raw: unknown) {
  if (typeof raw !== "object" || raw === null || "labels" in raw) return raw;
  const fields = raw as Record<string, unknown>;
  const labels = Object.fromEntries(Object.entries(fields).flatMap(([field, value]) => (field.startsWith("label.") ? [[field.slice("label.".length), value]] : [])));
  return { ...fields, labels };
}

const LabelInput = ColumnInput.shape.name;

/** The customisation form: the table's name, a label per template column, the tenant's extra columns (none is fine). */
export const CustomiseTableTemplateInput = z.preprocess(
  (raw) => withLabels(withColumnPairs(raw)),
  z.object({
    tableId: DataIdInput,
    name: TableNameInput,
    labels: z.record(z.string(), LabelInput).default({}),
    // How many the table may have with the template's own is checked by the action.
    columns: z
      .array(KeyedColumn)
      .default([])
      .refine((columns) => new Set(columns.map((one) => one.name.toLowerCase())).size === columns.length, "Give each column a different name.")
      .refine(withKeys, "Each column may appear once."),
  }),
);
