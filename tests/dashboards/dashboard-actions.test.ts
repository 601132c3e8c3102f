// Dashboards through their server actions, attacked: every action × every kind of caller (Editors and
// Admins manage, Viewers are refused), another tenant's dashboard, widget and table ids replayed in
// every action, malformed ids, bad input refused per field with nothing written, names unique
// regardless of case, and the order Move up / Move down leave.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { withSystem } from "@/db/scopes";
import { dashboards, dashboardWidgets, type DataColumn } from "@/db/schema";
import { createTwoTenants, uniqueSuffix } from "../support/fixtures";
import { actingAs, signInAs } from "../support/session";
import { EDITOR_ACTION_REFUSALS, editorActionCallers } from "../support/editor-callers";
import { dashboardSnapshot, entriesOf, inTenant, seedTable, widgetsOf } from "./dashboards-support";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createDashboard, renameDashboardAction, deleteDashboardAction, addWidget, removeWidget, moveWidget } = await import("@/app/t/[slug]/dashboards/actions");
const { registeredActions } = await import("@/lib/actions/core");

type User = { id: string; email: string };
type Target = { dashboardId: string; widgetIds: string[]; name: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
const callers: Record<string, User | null> = {};
const COLUMNS: DataColumn[] = [
  { name: "Name", type: "text" },
  { name: "Seats", type: "number" },
  { name: "Since", type: "date" },
];
let tableA: { id: string };
let tableB: { id: string };

const numberWidget = (dashboardId: string, title = "Runs") => ({ dashboardId, kind: "number", title, source: "flow_runs", status: "any" });

/** A dashboard of `tenant` with `widgets` widgets, made by its Admin through the actions. */
async function seedDashboard(tenant: "a" | "b" = "a", widgets = 0): Promise<Target> {
  const admin = tenant === "a" ? world.adminA : world.adminB;
  const slug = world[tenant].slug;
  const name = `dash-${uniqueSuffix()}`;
  const created = await actingAs(admin, () => createDashboard(slug, null, { name }));
  if (!created.ok) throw new Error(`setup: ${created.message}`);
  const widgetIds: string[] = [];
  for (let i = 0; i < widgets; i++) {
    const added = await actingAs(admin, () => addWidget(slug, null, numberWidget(created.data.id, `W${i}`)));
    if (!added.ok) throw new Error(`setup: ${added.message}`);
    widgetIds.push(added.data.id);
  }
  return { dashboardId: created.data.id, widgetIds, name };
}

beforeAll(async () => {
  world = await createTwoTenants({ license: "enterprise" });
  Object.assign(callers, await editorActionCallers(world));
  tableA = await seedTable(world.a.id, COLUMNS, [{ Name: "Ada", Seats: 3, Since: "2026-01-02" }]);
  tableB = await seedTable(world.b.id, COLUMNS, [{ Name: "Secret", Seats: 99, Since: "2026-01-02" }]);
});

const ENTRY = { create: "created", rename: "renamed", delete: "deleted", widget_add: "widget_added", widget_remove: "widget_removed", widget_move: "widget_moved" } as const;

const ACTIONS: Record<string, { prepare: () => Promise<Target>; call: (slug: string, t: Target) => Promise<unknown>; succeeded: (t: Target) => Promise<void> }> = {
  "dashboard.create": {
    prepare: async () => ({ dashboardId: "", widgetIds: [], name: `new-${uniqueSuffix()}` }),
    call: (slug, t) => createDashboard(slug, null, { name: t.name }),
    async succeeded(t) {
      expect((await dashboardSnapshot(world.a.id)).dashboards.map((d) => d.name)).toContain(t.name);
    },
  },
  "dashboard.rename": {
    prepare: () => seedDashboard(),
    call: (slug, t) => renameDashboardAction(slug, null, { dashboardId: t.dashboardId, name: `${t.name}-renamed` }),
    async succeeded(t) {
      expect((await dashboardSnapshot(world.a.id)).dashboards.find((d) => d.id === t.dashboardId)?.name).toBe(`${t.name}-renamed`);
    },
  },
  "dashboard.delete": {
    prepare: () => seedDashboard("a", 2),
    call: (slug, t) => deleteDashboardAction(slug, null, { dashboardId: t.dashboardId }),
    async succeeded(t) {
      const after = await dashboardSnapshot(world.a.id);
      expect(after.dashboards.some((d) => d.id === t.dashboardId)).toBe(false);
      expect(after.widgets.some((w) => w.dashboardId === t.dashboardId)).toBe(false);
    },
  },
  "dashboard.widget_add": {
    prepare: () => seedDashboard(),
    call: (slug, t) => addWidget(slug, null, { dashboardId: t.dashboardId, kind: "table", title: "Customers", source: `table:${tableA.id}`, rows: "10", columns: ["Name", "Seats"] }),
    async succeeded(t) {
      expect(await widgetsOf(world.a.id, t.dashboardId)).toEqual([
        expect.objectContaining({ kind: "table", title: "Customers", position: 0, config: { source: "table", tableId: tableA.id, columns: ["Name", "Seats"], rows: 10 } }),
      ]);
    },
  },
  "dashboard.widget_remove": {
    prepare: () => seedDashboard("a", 1),
    call: (slug, t) => removeWidget(slug, null, { dashboardId: t.dashboardId, widgetId: t.widgetIds[0] }),
    async succeeded(t) {
      expect(await widgetsOf(world.a.id, t.dashboardId)).toEqual([]);
    },
  },
  "dashboard.widget_move": {
    prepare: () => seedDashboard("a", 2),
    call: (slug, t) => moveWidget(slug, null, { dashboardId: t.dashboardId, widgetId: t.widgetIds[1], direction: "up" }),
    async succeeded(t) {
      expect((await widgetsOf(world.a.id, t.dashboardId)).map((w) => w.id)).toEqual([t.widgetIds[1], t.widgetIds[0]]);
    },
  },
};

describe("dashboards actions × callers", () => {
  it("covers every dashboards action there is, each needing dashboards.manage", () => {
    const registered = [...registeredActions.keys()].filter((name) => name.startsWith("dashboard."));
    expect(registered.sort()).toEqual(Object.keys(ACTIONS).sort());
    for (const name of registered) expect(registeredActions.get(name)).toEqual({ scope: "tenant", permission: "dashboards.manage" });
  });

  describe.each(Object.entries(ACTIONS))("%s", (name, action) => {
    it.each(Object.entries(EDITOR_ACTION_REFUSALS))("as %s", async (caller, refusal) => {
      const target = await action.prepare();
      const before = await dashboardSnapshot(world.a.id);
      signInAs(callers[caller]!);
      const result = await action.call(world.a.slug, target);
      if (refusal) {
        expect(result).toMatchObject({ ok: false, code: refusal });
        expect(await dashboardSnapshot(world.a.id)).toEqual(before);
        return;
      }
      expect(result).toMatchObject({ ok: true });
      await action.succeeded(target);
      const entries = await entriesOf(world.a.id, `dashboard.${ENTRY[name.slice("dashboard.".length) as keyof typeof ENTRY]}`);
      expect(entries.some((entry) => entry.actorUserId === callers[caller]!.id && entry.targetType === "dashboard")).toBe(true);
    });
  });
});

describe("another tenant's dashboards (replayed ids)", () => {
  it("A's Editor cannot rename, delete, add to, remove from or reorder B's dashboard by its ids (not found, B untouched)", async () => {
    const victim = await seedDashboard("b", 2);
    const [beforeA, beforeB] = [await dashboardSnapshot(world.a.id), await dashboardSnapshot(world.b.id)];
    signInAs(callers.editor!);
    for (const result of [
      await renameDashboardAction(world.a.slug, null, { dashboardId: victim.dashboardId, name: "hijacked" }),
      await deleteDashboardAction(world.a.slug, null, { dashboardId: victim.dashboardId }),
      await addWidget(world.a.slug, null, numberWidget(victim.dashboardId)),
      await removeWidget(world.a.slug, null, { dashboardId: victim.dashboardId, widgetId: victim.widgetIds[0] }),
      await moveWidget(world.a.slug, null, { dashboardId: victim.dashboardId, widgetId: victim.widgetIds[1], direction: "up" }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await dashboardSnapshot(world.a.id)).toEqual(beforeA);
    expect(await dashboardSnapshot(world.b.id)).toEqual(beforeB);
  });

  it("B's widget id on A's own dashboard is not found", async () => {
    const own = await seedDashboard("a", 1);
    const victim = await seedDashboard("b", 1);
    const before = await dashboardSnapshot(world.b.id);
    signInAs(callers.editor!);
    expect(await removeWidget(world.a.slug, null, { dashboardId: own.dashboardId, widgetId: victim.widgetIds[0] })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await moveWidget(world.a.slug, null, { dashboardId: own.dashboardId, widgetId: victim.widgetIds[0], direction: "down" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await dashboardSnapshot(world.b.id)).toEqual(before);
  });

  it("a widget on A's dashboard over B's table is refused at the source field, nothing written", async () => {
    const own = await seedDashboard("a");
    const before = await dashboardSnapshot(world.a.id);
    signInAs(callers.editor!);
    for (const kind of ["number", "chart", "table"]) {
      const result = await addWidget(world.a.slug, null, { dashboardId: own.dashboardId, kind, title: "Stolen", source: `table:${tableB.id}`, measure: "count", days: "7", rows: "10", columns: ["Name"] });
      expect(result, kind).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { source: ["Choose flow runs or a table of this tenant."] } });
    }
    expect(await dashboardSnapshot(world.a.id)).toEqual(before);
  });

  it("A's Admin aiming at B's slug is not found, whatever the id", async () => {
    const victim = await seedDashboard("b");
    const before = await dashboardSnapshot(world.b.id);
    expect(await actingAs(world.adminA, () => deleteDashboardAction(world.b.slug, null, { dashboardId: victim.dashboardId }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await actingAs(world.adminA, () => createDashboard(world.b.slug, null, { name: "planted" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await dashboardSnapshot(world.b.id)).toEqual(before);
  });

  it("answers NOT_FOUND for ids that are not ids at all", async () => {
    const own = await seedDashboard("a", 1);
    const before = await dashboardSnapshot(world.a.id);
    for (const id of ["", "not-a-uuid", randomUUID(), "' or 1=1 --"]) {
      expect(await actingAs(world.adminA, () => deleteDashboardAction(world.a.slug, null, { dashboardId: id })), id).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await actingAs(world.adminA, () => removeWidget(world.a.slug, null, { dashboardId: own.dashboardId, widgetId: id })), id).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await dashboardSnapshot(world.a.id)).toEqual(before);
  });

  it("row-level security: raw queries in tenant A see, change and delete none of B's dashboards or widgets, and plant none", async () => {
    const victim = await seedDashboard("b", 1);
    const seen = await inTenant(world.a.id, (tx) => tx.execute(sql`select id from dashboards where id = ${victim.dashboardId} union all select id from dashboard_widgets where dashboard_id = ${victim.dashboardId}`));
    expect(JSON.stringify(seen)).not.toContain(victim.dashboardId);
    await inTenant(world.a.id, async (tx) => {
      await tx.update(dashboards).set({ name: "hacked" }).where(eq(dashboards.id, victim.dashboardId));
      await tx.delete(dashboardWidgets).where(eq(dashboardWidgets.dashboardId, victim.dashboardId));
    });
    const after = await dashboardSnapshot(world.b.id);
    expect(after.dashboards.find((d) => d.id === victim.dashboardId)?.name).toBe(victim.name);
    expect(after.widgets.filter((w) => w.dashboardId === victim.dashboardId)).toHaveLength(1);
    expect(await withSystem((tx) => tx.select({ id: dashboards.id }).from(dashboards))).toEqual([]);
    // A widget row for B's dashboard, written from A's scope: refused (policy, and the foreign key pairs tenant and dashboard).
    await expect(
      inTenant(world.a.id, (tx) => tx.insert(dashboardWidgets).values({ tenantId: world.b.id, dashboardId: victim.dashboardId, position: 9, kind: "number", title: "x", config: { source: "flow_runs", status: "any" } })),
    ).rejects.toThrow();
    await expect(
      inTenant(world.a.id, (tx) => tx.insert(dashboardWidgets).values({ tenantId: world.a.id, dashboardId: victim.dashboardId, position: 9, kind: "number", title: "x", config: { source: "flow_runs", status: "any" } })),
    ).rejects.toThrow();
  });
});

describe("input", () => {
  it("refuses each kind's bad options under the field, writing nothing", async () => {
    const own = await seedDashboard("a");
    const before = await dashboardSnapshot(world.a.id);
    signInAs(callers.editor!);
    const table = `table:${tableA.id}`;
    const cases: [Record<string, unknown>, string[]][] = [
      [{ kind: "number", title: "", source: "flow_runs" }, ["title"]],
      [{ kind: "pie", title: "x", source: "flow_runs" }, ["kind"]],
      [{ kind: "number", title: "x", source: "" }, ["source"]],
      [{ kind: "number", title: "x", source: "somewhere" }, ["source"]],
      [{ kind: "number", title: "x", source: "flow_runs", status: "exploded" }, ["status"]],
      [{ kind: "number", title: "x", source: table, measure: "sum" }, ["column"]],
      [{ kind: "number", title: "x", source: table, measure: "sum", column: "Name" }, ["column"]],
      [{ kind: "number", title: "x", source: table, measure: "median" }, ["measure"]],
      [{ kind: "chart", title: "x", source: "flow_runs", days: "14" }, ["days"]],
      [{ kind: "chart", title: "x", source: table, days: "7", dateColumn: "Seats" }, ["dateColumn"]],
      [{ kind: "table", title: "x", source: "flow_runs", rows: "51" }, ["rows"]],
      [{ kind: "table", title: "x", source: table, rows: "9", columns: [] }, ["columns", "rows"]],
      [{ kind: "table", title: "x", source: table, rows: "10", columns: ["Nope"] }, ["columns"]],
    ];
    for (const [fields, errored] of cases) {
      const result = await addWidget(world.a.slug, null, { dashboardId: own.dashboardId, ...fields });
      expect(result, JSON.stringify(fields)).toMatchObject({ ok: false, code: "VALIDATION" });
      expect(Object.keys((result as { fieldErrors: object }).fieldErrors).sort(), JSON.stringify(fields)).toEqual(errored.sort());
    }
    expect(await dashboardSnapshot(world.a.id)).toEqual(before);
  });

  it("stores each kind's config as the widget reads it", async () => {
    const own = await seedDashboard("a");
    signInAs(callers.editor!);
    const add = (fields: Record<string, unknown>) => addWidget(world.a.slug, null, { dashboardId: own.dashboardId, title: "x", ...fields });
    expect(await add({ kind: "number", source: `table:${tableA.id}`, measure: "average", column: "Seats" })).toMatchObject({ ok: true });
    expect(await add({ kind: "number", source: "flow_runs", status: "failed" })).toMatchObject({ ok: true });
    expect(await add({ kind: "chart", source: `table:${tableA.id}`, days: "90", dateColumn: "" })).toMatchObject({ ok: true });
    expect(await add({ kind: "chart", source: `table:${tableA.id}`, days: "30", dateColumn: "Since" })).toMatchObject({ ok: true });
    expect(await add({ kind: "table", source: "flow_runs", rows: "50" })).toMatchObject({ ok: true });
    expect((await widgetsOf(world.a.id, own.dashboardId)).map((w) => [w.position, w.config])).toEqual([
      [0, { source: "table", tableId: tableA.id, measure: "average", column: "Seats" }],
      [1, { source: "flow_runs", status: "failed" }],
      [2, { source: "table", tableId: tableA.id, dateColumn: null, days: 90 }],
      [3, { source: "table", tableId: tableA.id, dateColumn: "Since", days: 30 }],
      [4, { source: "flow_runs", rows: 50 }],
    ]);
  });

  it("refuses a dashboard name taken in the tenant in any case; the same name in another tenant is fine", async () => {
    const taken = await seedDashboard("a");
    signInAs(callers.editor!);
    expect(await createDashboard(world.a.slug, null, { name: taken.name.toUpperCase() })).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { name: [expect.stringMatching(/already exists/)] } });
    const other = await seedDashboard("a");
    expect(await renameDashboardAction(world.a.slug, null, { dashboardId: other.dashboardId, name: taken.name })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await actingAs(world.adminB, () => createDashboard(world.b.slug, null, { name: taken.name }))).toMatchObject({ ok: true });
    expect(await createDashboard(world.a.slug, null, { name: "  " })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { name: [expect.any(String)] } });
  });
});

describe("order", () => {
  it("Move up / Move down swap neighbours; at either end nothing moves and nothing is logged", async () => {
    const own = await seedDashboard("a", 3);
    const [w0, w1, w2] = own.widgetIds;
    const order = async () => (await widgetsOf(world.a.id, own.dashboardId)).map((w) => w.id);
    signInAs(callers.editor!);
    expect(await moveWidget(world.a.slug, null, { dashboardId: own.dashboardId, widgetId: w0, direction: "down" })).toMatchObject({ ok: true });
    expect(await order()).toEqual([w1, w0, w2]);
    expect(await moveWidget(world.a.slug, null, { dashboardId: own.dashboardId, widgetId: w2, direction: "up" })).toMatchObject({ ok: true });
    expect(await order()).toEqual([w1, w2, w0]);
    const before = await dashboardSnapshot(world.a.id);
    expect(await moveWidget(world.a.slug, null, { dashboardId: own.dashboardId, widgetId: w1, direction: "up" })).toMatchObject({ ok: true });
    expect(await moveWidget(world.a.slug, null, { dashboardId: own.dashboardId, widgetId: w0, direction: "down" })).toMatchObject({ ok: true });
    expect(await dashboardSnapshot(world.a.id)).toEqual(before);
    // A removal leaves a gap; the next move closes it.
    await removeWidget(world.a.slug, null, { dashboardId: own.dashboardId, widgetId: w2 });
    expect(await moveWidget(world.a.slug, null, { dashboardId: own.dashboardId, widgetId: w0, direction: "up" })).toMatchObject({ ok: true });
    expect((await widgetsOf(world.a.id, own.dashboardId)).map((w) => [w.id, w.position])).toEqual([
      [w0, 0],
      [w1, 1],
    ]);
  });
});
