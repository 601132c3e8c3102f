// A tenant data file's table template customisations (version 4), by template id, as flow template
// customisations are (lib/tenant-export/import-template-uses.ts): a template this workspace lacks is
// skipped and the dry run says so. A customisation the tenant has of the same template gets the file's
// overrides (on its own table); one it lacks is made on the file's table, when this import created that
// table (a table of that name the tenant kept is its own, not the template's).
import "server-only";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { findTableTemplate, insertTableTemplateUse, listTableTemplateUsesOfTenant, updateTableTemplateUse } from "@/db/queries/table-templates";
import type { TenantTx } from "@/db/scopes";
import { ColumnInput, TableNameInput } from "../data-tables/table-input";
import type { RecordOf } from "./format";
import type { KindOutcome } from "./import-plan";
import { checked, refuseFile } from "./refuse-file";

const Key = z.string().regex(/^[a-z0-9]{1,16}$/);
const Overrides = z.object({
  name: TableNameInput.nullable(),
  columnLabels: z.record(Key, ColumnInput.shape.name).nullable(),
  extraColumns: z.array(ColumnInput.extend({ key: Key })).max(100).nullable(),
});

export async function importTableTemplateUses(
  tx: TenantTx,
  records: RecordOf<"table_template_use">[],
  createdTables: Map<string, string>,
  createdBy: string | null,
  outcome: KindOutcome,
): Promise<void> {
  const existing = new Map((await listTableTemplateUsesOfTenant(tx)).map((use) => [use.templateId, use]));
  const inFile = new Set<string>();
  for (const record of records) {
    const label = record.templateName.slice(0, 200);
    if (inFile.has(record.templateId)) refuseFile(`The file customises the table template ${label} twice. Nothing was imported.`);
    inFile.add(record.templateId);
    const overrides = checked(Overrides, { name: record.name, columnLabels: record.columnLabels, extraColumns: record.extraColumns }, `a customisation of the table template ${label}`);
    const template = await findTableTemplate(tx, record.templateId);
    if (!template) {
      outcome.skipped.push({ name: label, reason: "this workspace has no such template (ask a superadmin to add it, then import again)" });
      continue;
    }
    const use = existing.get(template.id);
    // Compared as values: the stored JSON's key order is the database's, not the file's.
    if (use && isDeepStrictEqual({ name: use.name, columnLabels: use.columnLabels, extraColumns: use.extraColumns }, overrides)) {
      outcome.skipped.push({ name: template.name, reason: "the same customisation is already there" });
      continue;
    }
    const tableId = createdTables.get(record.table.toLowerCase());
    if (!use && !tableId) {
      outcome.skipped.push({ name: template.name, reason: `the table ${record.table.slice(0, 80)} was not imported (a table of that name exists)` });
      continue;
    }
    const target = use ?? (await insertTableTemplateUse(tx, { templateId: template.id, tableId: tableId!, createdBy }));
    await updateTableTemplateUse(tx, target!.id, overrides);
    (use ? outcome.changed : outcome.created).push(template.name);
  }
}
