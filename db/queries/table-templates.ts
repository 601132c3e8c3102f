// Table templates (issue 14, item 3), the twin of db/queries/flow-templates.ts. Templates are global:
// superadmins write them (PlatformTx: only the platform role may), every tenant scope reads them. A
// tenant's uses (table_template_uses) are tenant rows under forced row-level security, filtered here too.
import { and, asc, eq, sql } from "drizzle-orm";
import type { PlatformTx, TenantTx, Tx } from "../scopes";
import { tableTemplates, tableTemplateUses, type TemplateColumn } from "../schema";

export interface TableTemplateFields {
  name: string;
  description: string;
  columns: TemplateColumn[];
}

/** Null when the name is taken (any case). */
export async function insertTableTemplate(tx: PlatformTx, template: TableTemplateFields & { createdByEmail: string }) {
  const [row] = await tx.insert(tableTemplates).values(template).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateTableTemplate(tx: PlatformTx, id: string, change: TableTemplateFields) {
  const [row] = await tx
    .update(tableTemplates)
    .set({ ...change, updatedAt: sql`now()` })
    .where(eq(tableTemplates.id, id))
    .returning();
  return row ?? null;
}

export async function deleteTableTemplate(tx: PlatformTx, id: string) {
  const [row] = await tx.delete(tableTemplates).where(eq(tableTemplates.id, id)).returning({ id: tableTemplates.id, name: tableTemplates.name });
  return row ?? null;
}

export async function findTableTemplate(tx: Tx, id: string, options: { lock?: "update" } = {}) {
  const query = tx.select().from(tableTemplates).where(eq(tableTemplates.id, id));
  const [row] = options.lock ? await query.for(options.lock) : await query;
  return row ?? null;
}

export function listTableTemplates(tx: Tx) {
  return tx.select().from(tableTemplates).orderBy(asc(sql`lower(${tableTemplates.name})`), asc(tableTemplates.id));
}

// A tenant's uses.

export const tableTemplateUseColumns = {
  id: tableTemplateUses.id,
  templateId: tableTemplateUses.templateId,
  tableId: tableTemplateUses.tableId,
  name: tableTemplateUses.name,
  columnLabels: tableTemplateUses.columnLabels,
  extraColumns: tableTemplateUses.extraColumns,
};

/** Null when this tenant uses the template already. */
export async function insertTableTemplateUse(tx: TenantTx, use: { templateId: string; tableId: string; createdBy: string | null }) {
  const [row] = await tx
    .insert(tableTemplateUses)
    .values({ ...use, tenantId: tx.tenantId })
    .onConflictDoNothing()
    .returning(tableTemplateUseColumns);
  return row ?? null;
}

/** The use of a template behind one data table, with its template; null for a table of the tenant's own. */
export async function findTableTemplateUseOfTable(tx: TenantTx, tableId: string) {
  const [row] = await tx
    .select({ use: tableTemplateUseColumns, template: { id: tableTemplates.id, name: tableTemplates.name, description: tableTemplates.description, columns: tableTemplates.columns } })
    .from(tableTemplateUses)
    .innerJoin(tableTemplates, eq(tableTemplates.id, tableTemplateUses.templateId))
    .where(and(eq(tableTemplateUses.tenantId, tx.tenantId), eq(tableTemplateUses.tableId, tableId)));
  return row ?? null;
}

/** The overrides to write: a field set to null goes back to the template's. */
export type TableTemplateOverrides = Partial<{ name: string | null; columnLabels: Record<string, string> | null; extraColumns: TemplateColumn[] | null }>;

export async function updateTableTemplateUse(tx: TenantTx, id: string, change: TableTemplateOverrides) {
  const [row] = await tx
    .update(tableTemplateUses)
    .set({ ...change, updatedAt: sql`now()` })
    .where(and(eq(tableTemplateUses.tenantId, tx.tenantId), eq(tableTemplateUses.id, id)))
    .returning(tableTemplateUseColumns);
  return row ?? null;
}

export async function deleteTableTemplateUse(tx: TenantTx, id: string) {
  const [row] = await tx
    .delete(tableTemplateUses)
    .where(and(eq(tableTemplateUses.tenantId, tx.tenantId), eq(tableTemplateUses.id, id)))
    .returning(tableTemplateUseColumns);
  return row ?? null;
}

/** Every use of a table template by this tenant (an import compares the file's customisations with them). */
export function listTableTemplateUsesOfTenant(tx: TenantTx) {
  return tx.select(tableTemplateUseColumns).from(tableTemplateUses).where(eq(tableTemplateUses.tenantId, tx.tenantId));
}

/** The templates this tenant uses (the tables page hides their "Use template"). */
export async function usedTableTemplateIds(tx: TenantTx) {
  const rows = await tx.select({ templateId: tableTemplateUses.templateId }).from(tableTemplateUses).where(eq(tableTemplateUses.tenantId, tx.tenantId));
  return new Set(rows.map((row) => row.templateId));
}
