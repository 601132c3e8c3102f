// Attack: hand-edited URLs whose filters PostgreSQL refuses. Each used to end the page in a 500:
// NUL in a search box (22021), year 0000 in From/To, month 13 in the runs cursor (?after=), year 0000
// in the activity cursor. Now such a value is dropped (or the filter ignored) and the query runs.
import { describe, expect, it } from "vitest";
import { withTenant } from "@/db/scopes";
import { listActivityPage } from "@/db/queries/activity/tenant-log";
import { listRunsOfFlow } from "@/db/queries/flows";
import { listMembers } from "@/db/queries/members";
import { flows } from "@/db/schema";
import { decodeCursor } from "@/lib/activity/cursor";
import { parseActivitySearch, toActivityFilters } from "@/lib/activity/filters";
import { isRealTimestamp, isStorableDay } from "@/lib/storable-dates";
import { dropUnstorableText, fieldsWithUnstorableText } from "@/lib/storable-text";
import { decodeRunCursor, encodeRunCursor } from "@/app/t/[slug]/flows/[flowId]/run-cursor";
import { parseMembersTableState } from "@/app/t/[slug]/members/members-table-state";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { insertEntries } from "../activity/support";

const SOME_ID = "00000000-0000-4000-8000-000000000001";
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function activityPageFor(tenantId: string, query: Record<string, string>) {
  const search = parseActivitySearch(new URLSearchParams(query));
  return withTenant({ tenantId, userId: null }, (tx) =>
    listActivityPage(tx, toActivityFilters(search), { key: decodeCursor(search.cursor), limit: 50 }),
  );
}

describe("URL filters PostgreSQL would refuse", () => {
  it("drops NUL and lone surrogates from a members search and still finds the member", async () => {
    const tenant = await createTenant("nul-members");
    const user = await createUser("findme");
    await addMember(tenant.id, user.id, ["viewer"]);
    const query = parseMembersTableState({ q: "find\u0000me\uD800" });
    expect(query.search).toBe("findme");
    const page = await withTenant({ tenantId: tenant.id, userId: null }, (tx) => listMembers(tx, query));
    expect(page.rows.map((row) => row.userId)).toEqual([user.id]);
  });

  it("drops NUL from the activity log's search and target filters", async () => {
    const tenant = await createTenant("nul-activity");
    await insertEntries(tenant.id, [{ at: "2026-01-10T10:00:00Z", action: "flow.created", summary: "Invoice flow created", targetType: "flow", targetId: "abc" }]);
    const page = await activityPageFor(tenant.id, { q: "Inv\u0000oice", targetType: "flow", targetId: "a\u0000bc" });
    expect(page.rows.map((row) => row.summary)).toEqual(["Invoice flow created"]);
  });

  it("ignores From/To days outside 1900..9999 or not in the calendar", async () => {
    const tenant = await createTenant("year-zero");
    await insertEntries(tenant.id, [{ at: "2026-01-10T10:00:00Z", action: "flow.created", summary: "kept" }]);
    for (const day of ["0000-01-01", "1899-12-31", "2026-02-30", "2026-13-01"]) {
      const page = await activityPageFor(tenant.id, { from: day, to: day });
      expect(page.rows.map((row) => row.summary), day).toEqual(["kept"]);
    }
    expect(parseActivitySearch(new URLSearchParams({ from: "1900-01-01", to: "9999-12-31" }))).toMatchObject({ from: "1900-01-01", to: "9999-12-31" });
  });

  it("ignores an activity cursor in year 0000", async () => {
    const tenant = await createTenant("cursor-zero");
    await insertEntries(tenant.id, [{ at: "2026-01-10T10:00:00Z", action: "flow.created", summary: "kept" }]);
    const cursor = base64url({ d: "older", t: "0000-01-01T00:00:00.000000Z", i: SOME_ID });
    const page = await activityPageFor(tenant.id, { cursor });
    expect(page.rows.map((row) => row.summary)).toEqual(["kept"]);
  });

  it("ignores a runs cursor (?after=) with month 13 and lists from the newest run", async () => {
    const tenant = await createTenant("cursor-13");
    const [flow] = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.insert(flows).values({ tenantId: tenant.id, name: "Flow", steps: ["validate"] }).returning(),
    );
    for (const startedAt of ["2026-13-01 10:00:00+00", "2026-02-30 10:00:00+00", "0000-01-01 10:00:00+00", "2026-01-01 24:00:00+00", "2026-01-01 10:00:00+16"]) {
      const after = decodeRunCursor(encodeRunCursor({ startedAt, id: SOME_ID }));
      // Read as the page reads it: the query runs whatever the cursor was.
      const page = await withTenant({ tenantId: tenant.id, userId: null }, (tx) => listRunsOfFlow(tx, flow!.id, { after, limit: 20 }));
      expect(after, startedAt).toBeUndefined();
      expect(page.runs).toEqual([]);
    }
    expect(decodeRunCursor(encodeRunCursor({ startedAt: "2024-02-29 23:59:59.999999+05:30", id: SOME_ID }))).toBeDefined();
  });
});

describe("storable text and dates", () => {
  it("drops NUL and lone surrogates but keeps surrogate pairs", () => {
    expect(dropUnstorableText("a\u0000b\uDC00c\uD83D\uDE00d\uD800")).toBe("abc\uD83D\uDE00d");
    expect(fieldsWithUnstorableText({ name: "ok", note: "x\u0000", roles: ["viewer", "\uDFFF"], file: 3 })).toEqual(["note", "roles"]);
  });

  it("accepts only real days and timestamps in 1900..9999", () => {
    expect(["1900-01-01", "2024-02-29", "9999-12-31"].every(isStorableDay)).toBe(true);
    expect(["0000-01-01", "1899-12-31", "2023-02-29", "2026-00-10", "2026-01-32", "10000-01-01"].some(isStorableDay)).toBe(false);
    expect(isRealTimestamp("2026-01-01 10:00:00.5+00")).toBe(true);
    expect(isRealTimestamp("2026-01-01 10:60:00+00")).toBe(false);
  });
});
