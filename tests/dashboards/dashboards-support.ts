// What the dashboards tests share: a tenant's data set up directly in its scope (tables with rows,
// flows with runs at chosen times), rows and entries read past the actions.
import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity, dashboards, dashboardWidgets, flowRuns, flows, type DataColumn, type DataRowValues } from "@/db/schema";
import { insertDataTable, insertRow } from "@/db/queries/data-tables";
import { uniqueSuffix } from "../support/fixtures";

export const inTenant = <T,>(tenantId: string, work: Parameters<typeof withTenant<T>>[1]) => withTenant<T>({ tenantId, userId: null }, work);

/** A data table with these rows, stored as the app stores them (sort keys and row count included). */
export async function seedTable(tenantId: string, columns: DataColumn[], rows: DataRowValues[], name = `table-${uniqueSuffix()}`) {
  return inTenant(tenantId, async (tx) => {
    const table = await insertDataTable(tx, { name, columns, createdBy: null });
    for (const values of rows) await insertRow(tx, table, values);
    return { ...table, rowCount: rows.length };
  });
}

/** A Production flow with runs of these statuses, started at these times. */
export async function seedRuns(tenantId: string, runs: { status: string; startedAt: Date }[], environment: "production" | "development" = "production") {
  return inTenant(tenantId, async (tx) => {
    const [flow] = await tx.insert(flows).values({ tenantId, environment, name: `flow-${uniqueSuffix()}`, steps: ["validate"] }).returning();
    for (const run of runs) await tx.insert(flowRuns).values({ tenantId, environment, flowId: flow!.id, status: run.status, startedAt: run.startedAt, durationMs: 5 });
    return flow!;
  });
}

/** Everything a dashboards action could change in a tenant. */
export async function dashboardSnapshot(tenantId: string) {
  return inTenant(tenantId, async (tx) => ({
    dashboards: await tx.select().from(dashboards).where(eq(dashboards.tenantId, tenantId)).orderBy(dashboards.id),
    widgets: await tx.select().from(dashboardWidgets).where(eq(dashboardWidgets.tenantId, tenantId)).orderBy(dashboardWidgets.id),
    entries: (await tx.select({ id: activity.id }).from(activity).where(eq(activity.tenantId, tenantId))).length,
  }));
}

export const widgetsOf = (tenantId: string, dashboardId: string) =>
  inTenant(tenantId, (tx) =>
    tx.select().from(dashboardWidgets).where(and(eq(dashboardWidgets.tenantId, tenantId), eq(dashboardWidgets.dashboardId, dashboardId))).orderBy(dashboardWidgets.position),
  );

export const entriesOf = (tenantId: string, action: string) =>
  inTenant(tenantId, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));
