// What a tenant data file is read from and written into (withTenant scope; lib/tenant-export/). The
// export reads names and values, never ids into the file; rows are read in keyset batches on
// (created_at, id), with created_at as text to the microsecond so no row is skipped or repeated
// between batches (a JS Date keeps milliseconds only).
import { and, asc, count, eq, sql } from "drizzle-orm";
import {
  approvedDomains,
  connections,
  credentials,
  dashboards,
  dashboardWidgets,
  dataTableRows,
  dataTables,
  flows,
  flowTemplates,
  flowTemplateUses,
  flowVersions,
  packageFlows,
  packages,
  tableTemplates,
  tableTemplateUses,
  tenantGroupFlows,
  tenantGroups,
  tenants,
  type DataColumn,
  type DataRowValues,
  type Environment,
} from "../schema";
import type { TenantTx } from "../scopes";
import { sortKeys } from "@/lib/data-tables/sort-keys";
import { storedColumns } from "@/lib/templates/effective-table";
import { addToRowCount, listDataTables } from "./data-tables";
import { versionContentColumns } from "./flow-versions";

/** A timestamp as text to the microsecond, UTC (what the file carries, so a round trip keeps it exactly). */
const microsecondText = (column: typeof dataTableRows.createdAt | typeof flowVersions.createdAt | typeof packages.createdAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const createdAtText = microsecondText(dataTableRows.createdAt);

/** Everything of the tenant the file carries except table rows (read in batches): small by the tenant's caps. */
export async function readTenantDataHead(tx: TenantTx) {
  const [settings] = await tx
    .select({ contactEmail: tenants.contactEmail, magicLinkEnabled: tenants.magicLinkEnabled, twoFactorRequired: tenants.twoFactorRequired, twoFactorRoles: tenants.twoFactorRoles })
    .from(tenants)
    .where(eq(tenants.id, tx.tenantId));
  const domains = await tx.select({ domain: approvedDomains.domain }).from(approvedDomains).where(eq(approvedDomains.tenantId, tx.tenantId)).orderBy(asc(approvedDomains.domain));
  // A flow made from a workspace template is carried by its template_use record (the customisation),
  // not as a copy: importing that record makes the flow again, following the template.
  const flowRows = await tx
    .select({ environment: flows.environment, id: flows.id, name: flows.name, steps: flows.steps })
    .from(flows)
    .where(
      and(
        eq(flows.tenantId, tx.tenantId),
        sql`not exists (select 1 from ${flowTemplateUses} u where u.tenant_id = ${flows.tenantId} and u.environment = ${flows.environment} and u.flow_id = ${flows.id})`,
      ),
    )
    .orderBy(asc(flows.environment), asc(flows.name));
  const groups = await tx
    .select({
      name: tenantGroups.name,
      permissions: tenantGroups.permissions,
      twoFactorRequired: tenantGroups.twoFactorRequired,
      flowsScoped: tenantGroups.flowsScoped,
      // The flows a narrowed group names, by id (the same id in every environment).
      flowIds: sql<string[]>`coalesce((select array_agg(s.flow_id order by s.flow_id) from ${tenantGroupFlows} s
        where s.tenant_id = ${tenantGroups.tenantId} and s.group_id = ${tenantGroups.id}), '{}'::uuid[])`,
    })
    .from(tenantGroups)
    .where(eq(tenantGroups.tenantId, tx.tenantId))
    .orderBy(sql`lower(${tenantGroups.name})`, asc(tenantGroups.id));
  const tables = await tablesAsTheTenantSeesThem(tx);
  const [rows] = await tx.select({ value: count() }).from(dataTableRows).where(eq(dataTableRows.tenantId, tx.tenantId));
  return { settings: settings ?? null, domains: domains.map((row) => row.domain), groups, flows: flowRows, tables, rowCount: rows?.value ?? 0 };
}

/**
 * The tenant's tables as its pages show them, ordered by that name: a table made from a template under
 * its effective name with its effective columns (each with its value key; a column the template removed
 * or retyped stays, with its values), so a file names a table as the tenant knows it whatever name it
 * was stored under (the template's when it was made, an import's, ...).
 */
async function tablesAsTheTenantSeesThem(tx: TenantTx) {
  const tables = (await listDataTables(tx)).map((table) => ({
    id: table.id,
    name: table.name,
    columns: table.template ? storedColumns(table.template.effective.columns) : table.columns,
  }));
  // By code point, not the database's collation: the same order in every tenant and console.
  const compare = (one: string, other: string) => (one < other ? -1 : one > other ? 1 : 0);
  return tables.sort((one, other) => compare(one.name.toLowerCase(), other.name.toLowerCase()) || compare(one.name, other.name));
}

/** Every version of every flow, oldest first per flow (the export keeps those of the flows the tenant has). */
export function readFlowVersionsForExport(tx: TenantTx) {
  return tx
    .select({
      environment: flowVersions.environment,
      flowId: flowVersions.flowId,
      ...versionContentColumns,
      createdAt: microsecondText(flowVersions.createdAt),
    })
    .from(flowVersions)
    .where(eq(flowVersions.tenantId, tx.tenantId))
    .orderBy(asc(flowVersions.environment), asc(flowVersions.flowId), asc(flowVersions.version));
}

/** The tenant's packages with their flows' snapshots, by name. */
export async function readPackagesForExport(tx: TenantTx) {
  const rows = await tx
    .select({ id: packages.id, name: packages.name, environment: packages.environment, createdAt: microsecondText(packages.createdAt) })
    .from(packages)
    .where(eq(packages.tenantId, tx.tenantId))
    .orderBy(asc(packages.name));
  const snapshots = await tx
    .select({ packageId: packageFlows.packageId, flowId: packageFlows.flowId, version: packageFlows.version, name: packageFlows.name, steps: packageFlows.steps })
    .from(packageFlows)
    .where(eq(packageFlows.tenantId, tx.tenantId))
    .orderBy(asc(packageFlows.flowId));
  return rows.map((pkg) => ({ ...pkg, flows: snapshots.filter((flow) => flow.packageId === pkg.id).map(({ flowId, version, name, steps }) => ({ flowId, version, name, steps })) }));
}

/** A flow's versions in an environment, oldest first (what an import compares the file's history with). */
export function readFlowHistory(tx: TenantTx, environment: Environment, flowId: string) {
  return tx
    .select({ version: flowVersions.version, name: flowVersions.name, steps: flowVersions.steps, reason: flowVersions.reason })
    .from(flowVersions)
    .where(and(eq(flowVersions.tenantId, tx.tenantId), eq(flowVersions.environment, environment), eq(flowVersions.flowId, flowId)))
    .orderBy(asc(flowVersions.version));
}

/** A package as a file holds it, with its own id and time (no one made it here: createdBy stays empty). */
export async function insertImportedPackage(
  tx: TenantTx,
  pkg: { id: string; name: string; environment: Environment; createdAt: string },
  contents: { flowId: string; version: number; name: string; steps: string[] }[],
): Promise<void> {
  await tx.insert(packages).values({ ...pkg, tenantId: tx.tenantId, createdBy: null, createdAt: sql`${pkg.createdAt}::timestamptz` });
  if (contents.length) await tx.insert(packageFlows).values(contents.map((flow) => ({ ...flow, tenantId: tx.tenantId, packageId: pkg.id })));
}

/** The tenant's credentials with their encrypted values (decrypted only to be sealed under an export passphrase). */
export function readCredentialsForExport(tx: TenantTx) {
  return tx
    .select({ id: credentials.id, name: credentials.name, description: credentials.description, keyId: credentials.keyId, iv: credentials.iv, authTag: credentials.authTag, ciphertext: credentials.ciphertext })
    .from(credentials)
    .where(eq(credentials.tenantId, tx.tenantId))
    .orderBy(asc(credentials.name));
}

/** The tenant's connections with their encrypted secrets (decrypted only to be sealed under an export passphrase), by name. */
export function readConnectionsForExport(tx: TenantTx) {
  return tx
    .select({
      id: connections.id,
      name: connections.name,
      connector: connections.connector,
      settings: connections.settings,
      status: connections.status,
      keyId: connections.keyId,
      iv: connections.iv,
      authTag: connections.authTag,
      ciphertext: connections.ciphertext,
    })
    .from(connections)
    .where(eq(connections.tenantId, tx.tenantId))
    .orderBy(asc(connections.name), asc(connections.id));
}

/** The tenant's flow template customisations, by their template's name (the order an import recreates). */
export function readTemplateUsesForExport(tx: TenantTx) {
  return tx
    .select({
      templateId: flowTemplateUses.templateId,
      templateName: flowTemplates.name,
      name: flowTemplateUses.name,
      description: flowTemplateUses.description,
      extraSteps: flowTemplateUses.extraSteps,
    })
    .from(flowTemplateUses)
    .innerJoin(flowTemplates, eq(flowTemplates.id, flowTemplateUses.templateId))
    .where(eq(flowTemplateUses.tenantId, tx.tenantId))
    .orderBy(asc(flowTemplates.name), asc(flowTemplates.id));
}

/** The tenant's dashboards by name, each with its widgets in their order. */
export async function readDashboardsForExport(tx: TenantTx) {
  const boards = await tx.select({ id: dashboards.id, name: dashboards.name }).from(dashboards).where(eq(dashboards.tenantId, tx.tenantId)).orderBy(sql`lower(${dashboards.name})`, asc(dashboards.id));
  const widgets = await tx
    .select({ dashboardId: dashboardWidgets.dashboardId, kind: dashboardWidgets.kind, title: dashboardWidgets.title, config: dashboardWidgets.config })
    .from(dashboardWidgets)
    .where(eq(dashboardWidgets.tenantId, tx.tenantId))
    .orderBy(asc(dashboardWidgets.position), asc(dashboardWidgets.id));
  return boards.map((board) => ({ name: board.name, widgets: widgets.filter((widget) => widget.dashboardId === board.id) }));
}

/** The tenant's table template customisations, by their template's name, each with its table's id (the file names the table). */
export function readTableTemplateUsesForExport(tx: TenantTx) {
  return tx
    .select({
      templateId: tableTemplateUses.templateId,
      templateName: tableTemplates.name,
      tableId: tableTemplateUses.tableId,
      name: tableTemplateUses.name,
      columnLabels: tableTemplateUses.columnLabels,
      extraColumns: tableTemplateUses.extraColumns,
    })
    .from(tableTemplateUses)
    .innerJoin(tableTemplates, eq(tableTemplates.id, tableTemplateUses.templateId))
    .where(eq(tableTemplateUses.tenantId, tx.tenantId))
    .orderBy(asc(tableTemplates.name), asc(tableTemplates.id));
}

export interface RowKey {
  createdAt: string;
  id: string;
}

/** Up to `limit` rows of a table after `after`, in the order they were added. */
export function readRowBatch(tx: TenantTx, tableId: string, after: RowKey | null, limit: number) {
  return tx
    .select({ id: dataTableRows.id, createdAt: createdAtText, values: dataTableRows.values })
    .from(dataTableRows)
    .where(
      and(
        eq(dataTableRows.tenantId, tx.tenantId),
        eq(dataTableRows.tableId, tableId),
        after ? sql`(${dataTableRows.createdAt}, ${dataTableRows.id}) > (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(dataTableRows.createdAt), asc(dataTableRows.id))
    .limit(limit);
}

/**
 * Names already taken in the tenant, for an import's plan (tables compare without case, like their
 * unique index). A table made from a template takes two names: the one it is stored under (the unique
 * index's) and the one the tenant sees (`shownName`, what a file names it by).
 */
export async function readImportTargets(tx: TenantTx) {
  const flowRows = await tx.select({ environment: flows.environment, id: flows.id, name: flows.name, steps: flows.steps }).from(flows).where(eq(flows.tenantId, tx.tenantId));
  const packageRows = await tx.select({ id: packages.id, name: packages.name }).from(packages).where(eq(packages.tenantId, tx.tenantId));
  const shown = new Map((await listDataTables(tx)).map((table) => [table.id, table.name]));
  const stored = await tx.select({ id: dataTables.id, name: dataTables.name }).from(dataTables).where(eq(dataTables.tenantId, tx.tenantId));
  const tables = stored.map((table) => ({ ...table, shownName: shown.get(table.id) ?? table.name }));
  const dashboardRows = await tx.select({ name: dashboards.name }).from(dashboards).where(eq(dashboards.tenantId, tx.tenantId));
  const credentialRows = await tx.select({ name: credentials.name }).from(credentials).where(eq(credentials.tenantId, tx.tenantId));
  const connectionRows = await tx.select({ id: connections.id, name: connections.name }).from(connections).where(eq(connections.tenantId, tx.tenantId));
  return { flows: flowRows, packages: packageRows, tables, dashboardNames: dashboardRows.map((row) => row.name), credentialNames: credentialRows.map((row) => row.name), connections: connectionRows };
}

/**
 * Rows into one of the tenant's tables, each keeping when it was added, with their sort keys and the
 * table's row count kept, as every row write keeps them (db/queries/data-tables.ts).
 */
export async function insertImportedRows(tx: TenantTx, table: { id: string; columns: DataColumn[] }, rows: { values: DataRowValues; createdAt: string }[]): Promise<void> {
  if (!rows.length) return;
  await tx.insert(dataTableRows).values(
    rows.map((row) => ({
      tenantId: tx.tenantId,
      tableId: table.id,
      values: row.values,
      sortKeys: sortKeys(table.columns, row.values),
      createdAt: sql`${row.createdAt}::timestamptz`,
      updatedAt: sql`now()`,
    })),
  );
  await addToRowCount(tx, table.id, rows.length);
}
