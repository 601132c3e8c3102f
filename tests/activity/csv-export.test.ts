// GET /t/<slug>/activity/export: exactly the filtered rows, written by the CSV library, streamed in
// batches on demand, recorded in the log, and a 404 for anyone who may not read the tenant's log.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity, memberships } from "@/db/schema";
import { listActivityPage, type ActivityFilters, type ActivityRow } from "@/db/queries/activity";
import { activityCsvStream, neutraliseFormula } from "@/lib/activity/csv-export";
import { addMember, createTwoTenants, createUser } from "../support/fixtures";
import { signInAs } from "../support/session";
import { insertEntries, insertSeries } from "./support";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});

const { GET } = await import("@/app/t/[slug]/activity/export/route");

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let viewerA: { id: string; email: string };

async function exportCsv(slug: string, query = "") {
  const response = await GET(new Request(`http://localhost/t/${slug}/activity/export?${query}`), { params: Promise.resolve({ slug }) });
  return { response, text: response.status === 200 ? await response.text() : "" };
}
const records = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

async function allRows(tenantId: string, filters: ActivityFilters) {
  return withTenant({ tenantId, userId: null }, async (tx) => (await listActivityPage(tx, tenantId, filters, { limit: 100_000 })).rows);
}

beforeAll(async () => {
  world = await createTwoTenants();
  viewerA = await createUser("viewer-a");
  await addMember(world.a.id, viewerA.id, ["viewer"]);
  await insertEntries(world.a.id, [
    { at: "2026-01-10T09:00:00Z", action: "flow.created", actorUserId: world.adminA.id, actorEmail: world.adminA.email, summary: 'Created "Invoices, EU"\nsecond line' },
    { at: "2026-01-11T09:00:00Z", action: "flow.renamed", actorUserId: world.adminA.id, actorEmail: world.adminA.email, summary: "=HYPERLINK(\"http://evil.test\",\"click\")" },
    { at: "2026-01-12T09:00:00Z", action: "member.added", actorUserId: viewerA.id, actorEmail: viewerA.email, summary: "+1 member, -2 others @home" },
  ]);
  // More than two export batches (1000 rows each) of one action.
  await insertSeries(world.a.id, 2_345, { newest: "2026-01-09T00:00:00Z", action: "flow.run", summary: "run" });
  await insertEntries(world.b.id, [{ at: "2026-01-10T09:00:00Z", action: "flow.created", actorUserId: world.adminB.id, summary: "tenant B secret" }]);
});

describe("CSV export", () => {
  it("downloads exactly the filtered rows, newest first, across several batches", async () => {
    signInAs(viewerA);
    const { response, text } = await exportCsv(world.a.slug, "action=flow.run&from=2026-01-01&to=2026-01-08");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="activity-${world.a.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const expected = await allRows(world.a.id, { actions: ["flow.run"], fromDay: "2026-01-01", toDay: "2026-01-08" });
    expect(expected.length).toBeGreaterThan(2_000);
    const rows = records(text);
    expect(rows.map((r) => r.entry_id)).toEqual(expected.map((r) => r.id));
    expect(rows[0]).toMatchObject({ time_utc: expected[0]!.createdAt, action: "flow.run", actor_email: "" });
  });

  it("leaves quoting to the library and neutralises cells a spreadsheet would run as formulas", async () => {
    signInAs(viewerA);
    const { text } = await exportCsv(world.a.slug, "from=2026-01-10&to=2026-01-12");
    expect(text.split("\n")[0]).toBe("time_utc,actor_email,actor_user_id,action,target_type,target_id,summary,ip,details,entry_id");
    const rows = records(text);
    expect(rows.map((r) => r.summary)).toEqual([
      "'+1 member, -2 others @home",
      "'=HYPERLINK(\"http://evil.test\",\"click\")",
      'Created "Invoices, EU"\nsecond line',
    ]);
    expect(text).toContain('"Created ""Invoices, EU""\nsecond line"');
    expect(neutraliseFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutraliseFormula("\tcmd")).toBe("'\tcmd");
    expect(neutraliseFormula("plain")).toBe("plain");
  });

  it("exports the rows the search finds, across batches", async () => {
    signInAs(viewerA);
    const { text } = await exportCsv(world.a.slug, "q=INVOICES%20eu");
    expect(records(text).map((r) => r.summary)).toEqual(['Created "Invoices, EU"\nsecond line']);
    const runs = records((await exportCsv(world.a.slug, "q=run")).text);
    expect(runs).toHaveLength(2_345);
    expect(runs.map((r) => r.entry_id)).toEqual((await allRows(world.a.id, { actions: [], search: "run" })).map((r) => r.id));
  });

  it("records the export, with its filters, in the tenant's log", async () => {
    signInAs(viewerA);
    await exportCsv(world.a.slug, "action=member.added&q=member");
    const entries = await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
      tx.select().from(activity).where(and(eq(activity.action, "activity.exported"), eq(activity.actorUserId, viewerA.id))),
    );
    expect(entries.map((e) => e.details)).toContainEqual({ filters: { action: ["member.added"], q: "member" } });
  });

  it("stops a running export when the caller loses access: the next batch is refused, the download fails", async () => {
    const leaving = await createUser("leaving");
    const membership = await addMember(world.a.id, leaving.id, ["viewer"]);
    signInAs(leaving);
    const response = await GET(new Request(`http://localhost/t/${world.a.slug}/activity/export?action=flow.run`), {
      params: Promise.resolve({ slug: world.a.slug }),
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
      tx.update(memberships).set({ status: "suspended" }).where(eq(memberships.id, membership.id)),
    );
    // The batch already buffered may still arrive; the one after it is refused.
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return "completed";
      })(),
    ).rejects.toThrow(/Access to the tenant ended/);
  });

  it("answers 404 when signed out, to a non-member and for another tenant's slug", async () => {
    signInAs(null);
    expect((await exportCsv(world.a.slug)).response.status).toBe(404);
    signInAs(await createUser("outsider"));
    expect((await exportCsv(world.a.slug)).response.status).toBe(404);
    signInAs(viewerA);
    expect((await exportCsv(world.b.slug)).response.status).toBe(404);
    expect((await exportCsv("no-such-tenant")).response.status).toBe(404);
  });

  it("never contains another tenant's rows, whatever the filters name", async () => {
    signInAs(viewerA);
    const { text } = await exportCsv(world.a.slug, `actor=${world.adminB.id}`);
    expect(records(text)).toEqual([]);
    const all = await exportCsv(world.a.slug);
    expect(all.text).not.toContain("tenant B secret");
    expect(records(all.text).length).toBe((await allRows(world.a.id, { actions: [] })).length);
  });
});

describe("streaming", () => {
  const row = (n: number): ActivityRow => ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    createdAt: `2026-01-01T00:00:00.${String(999_999 - n).padStart(6, "0")}Z`,
    actorUserId: null,
    actorEmail: null,
    action: "test.event",
    targetType: null,
    targetId: null,
    summary: `row ${n}`,
    details: null,
    ip: null,
  });

  it("fetches the next batch only when the reader has taken the previous one (memory stays at one batch)", async () => {
    const calls: (string | undefined)[] = [];
    const stream = activityCsvStream(async (after) => {
      calls.push(after?.id);
      const start = calls.length * 10;
      return calls.length > 5 ? [] : Array.from({ length: 10 }, (_, i) => row(start + i));
    }, 10);
    const reader = stream.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The first chunk was read; at most one more batch is buffered ahead.
    expect(calls.length).toBeLessThanOrEqual(2);
    let chunks = 1;
    while (!(await reader.read()).done) chunks += 1;
    expect(calls).toHaveLength(6);
    expect(chunks).toBe(6);
    // Each batch continues from the last row of the one before.
    expect(calls.slice(1)).toEqual([19, 29, 39, 49, 59].map((n) => row(n).id));
  });
});
