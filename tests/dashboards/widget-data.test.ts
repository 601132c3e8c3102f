// The widgets' figures, read as the dashboard page reads them: right numbers for each kind and
// source, only the tenant's own rows and runs (a widget naming another tenant's table shows it as
// removed, never its rows), and a clear "source removed" for a deleted table or column.
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { dataTableRows, type DataColumn } from "@/db/schema";
import { deleteDataTable } from "@/db/queries/data-tables";
import { aggregateColumn } from "@/db/queries/widget-data";
import { lastDays, widgetData } from "@/lib/dashboards/widget-data";
import type { WidgetConfig, WidgetKind } from "@/lib/dashboards/widget-config";
import { createTwoTenants } from "../support/fixtures";
import { inTenant, seedRuns, seedTable } from "./dashboards-support";

const NOW = new Date("2026-06-15T12:00:00Z");
const daysAgo = (days: number, hour = 10) => new Date(Date.UTC(2026, 5, 15 - days, hour));

const COLUMNS: DataColumn[] = [
  { name: "Name", type: "text" },
  { name: "Seats", type: "number" },
  { name: "Active", type: "boolean" },
  { name: "Since", type: "date" },
];

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let customersA: Awaited<ReturnType<typeof seedTable>>;
let customersB: Awaited<ReturnType<typeof seedTable>>;

const show = (tenantId: string, kind: WidgetKind, config: unknown) => inTenant(tenantId, (tx) => widgetData(tx, { kind, config: config as WidgetConfig }, NOW));

beforeAll(async () => {
  world = await createTwoTenants({ license: "enterprise" });
  customersA = await seedTable(
    world.a.id,
    COLUMNS,
    [
      { Name: "Ada", Seats: 3, Active: true, Since: "2026-06-15" },
      { Name: "Grace", Seats: 5, Active: false, Since: "2026-06-14" },
      { Name: "Linus", Seats: 10, Active: true, Since: "2026-06-14" },
      { Name: "Old", Seats: null, Active: null, Since: "2025-01-01" },
    ],
    "customers",
  );
  // The same name in B, with more rows and other figures: none of it may show in A.
  customersB = await seedTable(
    world.b.id,
    COLUMNS,
    Array.from({ length: 7 }, (_, i) => ({ Name: `B${i}`, Seats: 100, Active: true, Since: "2026-06-15" })),
    "customers",
  );
  await seedRuns(world.a.id, [
    { status: "succeeded", startedAt: daysAgo(0) },
    { status: "succeeded", startedAt: daysAgo(0, 11) },
    { status: "failed", startedAt: daysAgo(2) },
    { status: "succeeded", startedAt: daysAgo(40) },
  ]);
  // Development runs are tries, not counted; B's runs are B's.
  await seedRuns(world.a.id, [{ status: "failed", startedAt: daysAgo(0) }], "development");
  await seedRuns(world.b.id, Array.from({ length: 9 }, () => ({ status: "failed", startedAt: daysAgo(0) })));
});

describe("Number", () => {
  it("counts a table's rows, sums and averages a number column (empty values left out)", async () => {
    expect(await show(world.a.id, "number", { source: "table", tableId: customersA.id, measure: "count" })).toEqual({ state: "number", value: 4 });
    expect(await show(world.a.id, "number", { source: "table", tableId: customersA.id, measure: "sum", column: "Seats" })).toMatchObject({ state: "number", value: 18 });
    expect(await show(world.a.id, "number", { source: "table", tableId: customersA.id, measure: "average", column: "Seats" })).toMatchObject({ state: "number", value: 6 });
    expect(await show(world.b.id, "number", { source: "table", tableId: customersB.id, measure: "sum", column: "Seats" })).toMatchObject({ value: 700 });
  });

  it("counts the tenant's Production flow runs, all or by status", async () => {
    expect(await show(world.a.id, "number", { source: "flow_runs", status: "any" })).toEqual({ state: "number", value: 4 });
    expect(await show(world.a.id, "number", { source: "flow_runs", status: "succeeded" })).toEqual({ state: "number", value: 3 });
    expect(await show(world.a.id, "number", { source: "flow_runs", status: "failed" })).toEqual({ state: "number", value: 1 });
    expect(await show(world.b.id, "number", { source: "flow_runs", status: "failed" })).toEqual({ state: "number", value: 9 });
  });

  it("a sum over no values is empty, not zero", async () => {
    const empty = await seedTable(world.a.id, COLUMNS, [{ Name: "x", Seats: null, Active: null, Since: null }]);
    expect(await show(world.a.id, "number", { source: "table", tableId: empty.id, measure: "sum", column: "Seats" })).toMatchObject({ state: "number", value: null });
  });
});

describe("Chart by day", () => {
  it("lists the last N UTC days, today last", () => {
    expect(lastDays(7, NOW)).toEqual(["2026-06-09", "2026-06-10", "2026-06-11", "2026-06-12", "2026-06-13", "2026-06-14", "2026-06-15"]);
    expect(lastDays(90, NOW)).toHaveLength(90);
  });

  it("counts rows per day of a date column, days without rows as 0, older dates left out", async () => {
    const chart = await show(world.a.id, "chart", { source: "table", tableId: customersA.id, dateColumn: "Since", days: 7 });
    expect(chart).toMatchObject({ state: "chart" });
    const days = (chart as { days: { day: string; count: number }[] }).days;
    expect(days).toHaveLength(7);
    expect(days.at(-1)).toEqual({ day: "2026-06-15", count: 1 });
    expect(days.at(-2)).toEqual({ day: "2026-06-14", count: 2 });
    expect(days.slice(0, 5).every((d) => d.count === 0)).toBe(true);
  });

  it("counts rows per day by when they were added", async () => {
    const table = await seedTable(world.a.id, COLUMNS, [{ Name: "a" }, { Name: "b" }, { Name: "c" }]);
    await inTenant(world.a.id, (tx) =>
      tx.execute(sql`update data_table_rows set created_at = case values->>'Name' when 'a' then ${daysAgo(1).toISOString()}::timestamptz when 'b' then ${daysAgo(1, 23).toISOString()}::timestamptz else ${daysAgo(60).toISOString()}::timestamptz end where table_id = ${table.id}`),
    );
    const chart = (await show(world.a.id, "chart", { source: "table", tableId: table.id, dateColumn: null, days: 30 })) as { days: { day: string; count: number }[] };
    expect(chart.days.find((d) => d.day === "2026-06-14")).toEqual({ day: "2026-06-14", count: 2 });
    expect(chart.days.reduce((sum, d) => sum + d.count, 0)).toBe(2);
    // 90 days reach the row added 60 days ago.
    const longer = (await show(world.a.id, "chart", { source: "table", tableId: table.id, dateColumn: null, days: 90 })) as typeof chart;
    expect(longer.days.reduce((sum, d) => sum + d.count, 0)).toBe(3);
  });

  it("counts Production flow runs per day by start time (the tenant's own)", async () => {
    const chart = (await show(world.a.id, "chart", { source: "flow_runs", days: 30 })) as { days: { day: string; count: number }[] };
    expect(chart.days.at(-1)).toEqual({ day: "2026-06-15", count: 2 });
    expect(chart.days.find((d) => d.day === "2026-06-13")).toEqual({ day: "2026-06-13", count: 1 });
    expect(chart.days.reduce((sum, d) => sum + d.count, 0)).toBe(3);
  });
});

describe("Table", () => {
  it("shows the first rows with the chosen columns, in insertion order", async () => {
    const table = await seedTable(world.a.id, COLUMNS, Array.from({ length: 12 }, (_, i) => ({ Name: `row ${i}`, Seats: i, Active: i % 2 === 0, Since: null })));
    const shown = await show(world.a.id, "table", { source: "table", tableId: table.id, columns: ["Name", "Active"], rows: 10 });
    expect(shown).toMatchObject({ state: "table", columns: ["Name", "Active"] });
    const rows = (shown as { rows: { cells: string[] }[] }).rows;
    expect(rows).toHaveLength(10);
    expect(rows.slice(0, 2).map((row) => row.cells)).toEqual([
      ["row 0", "Yes"],
      ["row 1", "No"],
    ]);
  });

  it("names columns by their key, not their label, and heads a table with the labels (a template's column relabelled keeps its key)", async () => {
    const keyed: DataColumn[] = [
      { name: "Customer", type: "text", key: "t:k1:text" },
      { name: "Seats", type: "number", key: "t:k2:number" },
    ];
    const table = await seedTable(world.a.id, keyed, [
      { "t:k1:text": "Ada", "t:k2:number": 3 },
      { "t:k1:text": "Grace", "t:k2:number": 4 },
    ]);
    // The widget names the columns by key; the heading is each column's label as it is now.
    const shown = (await show(world.a.id, "table", { source: "table", tableId: table.id, columns: ["t:k1:text", "t:k2:number"], rows: 10 })) as { columns: string[]; rows: { cells: string[] }[] };
    expect(shown.columns).toEqual(["Customer", "Seats"]);
    expect(shown.rows.map((row) => row.cells)).toEqual([
      ["Ada", "3"],
      ["Grace", "4"],
    ]);
    expect(await show(world.a.id, "number", { source: "table", tableId: table.id, measure: "sum", column: "t:k2:number" })).toMatchObject({ state: "number", value: 7 });
    // A label is not a key: a widget naming one reads no column (stored widgets were moved to keys by migration 0042).
    expect(await show(world.a.id, "number", { source: "table", tableId: table.id, measure: "sum", column: "Seats" })).toMatchObject({ state: "removed" });
  });

  it("shows the latest Production runs, newest first, with their flow", async () => {
    const shown = (await show(world.a.id, "table", { source: "flow_runs", rows: 10 })) as { columns: string[]; rows: { cells: string[] }[] };
    expect(shown.columns).toEqual(["Flow", "Status", "Started (UTC)", "Duration"]);
    expect(shown.rows.map((row) => row.cells[1])).toEqual(["succeeded", "succeeded", "failed", "succeeded"]);
    expect(shown.rows[0]!.cells[2]).toBe("2026-06-15 11:00:00");
  });
});

describe("tenant isolation", () => {
  it("a widget in A naming B's table finds no such table (removed), for every kind, and never B's rows", async () => {
    for (const [kind, config] of [
      ["number", { source: "table", tableId: customersB.id, measure: "count" }],
      ["number", { source: "table", tableId: customersB.id, measure: "sum", column: "Seats" }],
      ["chart", { source: "table", tableId: customersB.id, dateColumn: "Since", days: 7 }],
      ["table", { source: "table", tableId: customersB.id, columns: ["Name"], rows: 10 }],
    ] as const) {
      expect(await show(world.a.id, kind, config), `${kind}`).toMatchObject({ state: "removed", reason: expect.stringMatching(/^Source removed/) });
    }
  });

  it("the aggregate query itself, given B's table id in A's scope, reads nothing", async () => {
    expect(await inTenant(world.a.id, (tx) => aggregateColumn(tx, customersB.id, "Seats", "sum"))).toBeNull();
  });
});

describe("a deleted source", () => {
  it("a deleted table shows as removed, for every kind", async () => {
    const table = await seedTable(world.a.id, COLUMNS, [{ Name: "gone", Seats: 1 }]);
    await inTenant(world.a.id, (tx) => deleteDataTable(tx, table.id));
    for (const [kind, config] of [
      ["number", { source: "table", tableId: table.id, measure: "count" }],
      ["chart", { source: "table", tableId: table.id, dateColumn: null, days: 7 }],
      ["table", { source: "table", tableId: table.id, columns: ["Name"], rows: 10 }],
    ] as const) {
      expect(await show(world.a.id, kind, config)).toEqual({ state: "removed", reason: "Source removed: the table this widget reads was deleted." });
    }
  });

  it("a column no longer in the table (or no longer of the type) shows as removed", async () => {
    expect(await show(world.a.id, "number", { source: "table", tableId: customersA.id, measure: "sum", column: "Revenue" })).toMatchObject({
      state: "removed",
      reason: expect.stringContaining("Revenue"),
    });
    // Name is a text column: no sum of it, no chart by it.
    expect(await show(world.a.id, "number", { source: "table", tableId: customersA.id, measure: "average", column: "Name" })).toMatchObject({ state: "removed" });
    expect(await show(world.a.id, "chart", { source: "table", tableId: customersA.id, dateColumn: "Name", days: 7 })).toMatchObject({ state: "removed" });
    expect(await show(world.a.id, "table", { source: "table", tableId: customersA.id, columns: ["Name", "Gone"], rows: 10 })).toMatchObject({ state: "removed" });
  });

  it("a stored config that no longer parses shows as removed, not an error", async () => {
    expect(await show(world.a.id, "number", { source: "table", tableId: "not-a-uuid", measure: "count" })).toMatchObject({ state: "removed" });
    expect(await show(world.a.id, "pie" as WidgetKind, {})).toMatchObject({ state: "removed" });
  });
});

describe("bounded reads", () => {
  it("reads the chart's date column through its per-position index, the run chart through the tenant's run index", async () => {
    // Plans on a nearly empty table prefer a sequential scan; disable it to see the index is usable.
    const plan = async (query: ReturnType<typeof sql>) =>
      JSON.stringify(
        await inTenant(world.a.id, async (tx) => {
          await tx.execute(sql`set local enable_seqscan = off`);
          return tx.execute(query);
        }),
      );
    const byDate = await plan(
      sql`explain select sort_keys[4], count(*) from ${dataTableRows} where tenant_id = ${world.a.id} and table_id = ${customersA.id} and cardinality(sort_keys) > 3 and (sort_keys[4]) >= '2026-06-09' and (sort_keys[4]) <= '2026-06-15' group by 1`,
    );
    expect(byDate).toContain("data_table_rows_key_3");
    const runs = await plan(sql`explain select count(*) from flow_runs where tenant_id = ${world.a.id} and environment = 'production' and started_at >= now() - interval '7 days'`);
    expect(runs).toMatch(/flow_runs_tenant_(status_)?time/);
  });
});
