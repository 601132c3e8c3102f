// POST /t/<slug>/activity/export: exactly the filtered rows, written by the CSV library, streamed in
// batches on demand, recorded in the log, and a 404 for anyone who may not read the tenant's log.
// Another site cannot start an export: its POST is refused and a GET only redirects to the log.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/scopes";
import { activity, memberships } from "@/db/schema";
import { listActivityPage } from "@/db/queries/activity/tenant-log";
import type { ActivityFilters, ActivityRow } from "@/db/queries/activity/sql";
import { activityCsvStream, neutraliseFormula } from "@/lib/activity/csv-export";
import { addMember, createTwoTenants, createUser } from "../support/fixtures";
import { signInAs } from "../support/session";
import { insertEntries, insertSeries } from "./support";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});
// The app's origin is the configured public address (AUTH_URL), never the request's Host.
vi.hoisted(() => {
  process.env.AUTH_URL = "http://tenantry.test";
});
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "tenantry.test" }), cookies: async () => ({ get: () => undefined }) }));

const { GET, POST } = await import("@/app/t/[slug]/activity/export/route");

const ORIGIN = "http://tenantry.test";
/** What a browser sends with the Export CSV button on the app's own page. */
const FROM_OUR_PAGE = { "sec-fetch-site": "same-origin", origin: ORIGIN };

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let viewerA: { id: string; email: string };

/** The export's POST: the filters as an urlencoded form (the button's hidden inputs) unless another body is given. */
function postExport(slug: string, { query = "", headers = FROM_OUR_PAGE as HeadersInit, body = new URLSearchParams(query) as BodyInit } = {}) {
  return POST(new Request(`${ORIGIN}/t/${slug}/activity/export`, { method: "POST", headers, body }), { params: Promise.resolve({ slug }) });
}

async function exportCsv(slug: string, query = "") {
  const response = await postExport(slug, { query });
  return { response, text: response.status === 200 ? await response.text() : "" };
}

async function exportsRecordedFor(tenantId: string, userId: string) {
  const entries = await withTenant({ tenantId, userId: null }, (tx) =>
    tx.select().from(activity).where(and(eq(activity.action, "activity.exported"), eq(activity.actorUserId, userId))),
  );
  return entries.length;
}
const records = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

async function allRows(tenantId: string, filters: ActivityFilters) {
  return withTenant({ tenantId, userId: null }, async (tx) => (await listActivityPage(tx, filters, { limit: 100_000 })).rows);
}

beforeAll(async () => {
  world = await createTwoTenants({ license: "team" }); // CSV export needs Team (tests/licenses covers each license)
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
    const response = await postExport(world.a.slug, { query: "action=flow.run" });
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

describe("requests from other sites", () => {
  async function newViewerOfA(name: string) {
    const member = await createUser(name);
    await addMember(world.a.id, member.id, ["viewer"]);
    signInAs(member);
    return member;
  }

  it("refuses another site's POST with a 403 and writes no entry", async () => {
    const member = await newViewerOfA("csrf-target");
    const attacks: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      // A sibling subdomain is another application.
      { "sec-fetch-site": "same-site", origin: "http://evil.tenantry.test" },
      // Browsers without Sec-Fetch-Site: the Origin decides.
      { origin: "https://evil.example" },
      { origin: "null" },
      // Neither header: no browser sends a POST like this, so it is refused too.
      {},
    ];
    for (const headers of attacks) {
      const response = await postExport(world.a.slug, { query: "action=member.added", headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await response.text()).toMatch(/^Refused/);
    }
    expect(await exportsRecordedFor(world.a.id, member.id)).toBe(0);

    // The same member from the app's own page: exported and recorded (so the count above could see an entry).
    const allowed = await postExport(world.a.slug, { query: "action=member.added" });
    expect(allowed.status).toBe(200);
    await allowed.text();
    expect(await exportsRecordedFor(world.a.id, member.id)).toBe(1);
  });

  it("accepts the app's own pages: Sec-Fetch-Site same-origin or none, or only the app's Origin; urlencoded or multipart", async () => {
    const member = await newViewerOfA("own-page");
    const ownPages: Record<string, string>[] = [{ "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "none" }, { origin: ORIGIN }];
    for (const headers of ownPages) {
      const { status, body } = await postExport(world.a.slug, { query: "action=flow.run", headers });
      expect(status, JSON.stringify(headers)).toBe(200);
      await body!.cancel();
    }
    const multipart = new FormData();
    multipart.append("action", "member.added");
    multipart.append("from", "2026-01-12");
    const response = await postExport(world.a.slug, { body: multipart });
    expect(response.status).toBe(200);
    expect(records(await response.text()).map((r) => r.summary)).toEqual(["'+1 member, -2 others @home"]);
    expect(await exportsRecordedFor(world.a.id, member.id)).toBe(4);
  });

  it("answers a body that is not a form with a 400 and writes no entry", async () => {
    const member = await newViewerOfA("json-body");
    const response = await postExport(world.a.slug, {
      headers: { ...FROM_OUR_PAGE, "content-type": "application/json" },
      body: JSON.stringify({ action: "member.added" }),
    });
    expect(response.status).toBe(400);
    expect(await exportsRecordedFor(world.a.id, member.id)).toBe(0);
  });

  it("a GET (another site's link, an old bookmark) exports nothing, writes nothing and redirects to the filtered log", async () => {
    const member = await newViewerOfA("get-link");
    for (const headers of [{ "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-origin" }]) {
      const response = await GET(new Request(`${ORIGIN}/t/${world.a.slug}/activity/export?action=member.added&q=member`, { headers }), {
        params: Promise.resolve({ slug: world.a.slug }),
      });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`/t/${world.a.slug}/activity?action=member.added&q=member`);
      expect(await response.text()).toBe("");
    }
    expect(await exportsRecordedFor(world.a.id, member.id)).toBe(0);
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

  it("stops reading the log after a batch that is not full: no extra query for a page that cannot exist", async () => {
    let calls = 0;
    const stream = activityCsvStream(async () => {
      calls += 1;
      return calls > 1 ? [row(99)] : Array.from({ length: 10 }, (_, i) => row(i)).slice(0, 7);
    }, 10);
    const text = await new Response(stream).text();
    expect(calls).toBe(1);
    expect(text.trim().split("\n")).toHaveLength(8); // the header and 7 rows
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
