// The members list's first page (db/queries/members.ts listMembers): its rows are asked for beside
// the tenant's member counter, since the first page's window does not depend on the total. On
// PostgreSQL both leave in one socket write and come back in one round trip; everywhere the page and
// its total are what they were when the rows waited for the counter.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { listMembers, type MemberListQuery } from "@/db/queries/members";
import { withTenant } from "@/db/scopes";
import { createTenant, createUser } from "../support/fixtures";
import { socketWritesDuring } from "../support/socket-writes";
import { addMemberWith } from "./members-support";

const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
const FIRST_PAGE: MemberListQuery = { page: 1, size: 2, sort: "joined", dir: "asc" };

describe("the members list's first page", () => {
  it("has the tenant's rows and total, filtered or not, and none of another tenant's", async () => {
    const [tenant, other] = [await createTenant("first-page"), await createTenant("first-page-other")];
    const list = (query: Partial<MemberListQuery>) => withTenant({ tenantId: tenant.id, userId: null }, (tx) => listMembers(tx, { ...FIRST_PAGE, ...query }));
    expect(await list({})).toEqual({ rows: [], total: 0, page: 1 });
    for (const status of ["active", "active", "invited"] as const) await addMemberWith(tenant.id, (await createUser("first-page")).id, ["viewer"], status);
    for (let i = 0; i < 4; i++) await addMemberWith(other.id, (await createUser("first-page-elsewhere")).id, ["viewer"]);

    const all = await list({});
    expect(all).toMatchObject({ total: 3, page: 1 });
    expect(all.rows).toHaveLength(2);
    const invited = await list({ status: "invited" });
    expect(invited).toMatchObject({ total: 1, page: 1 });
    expect(invited.rows.map((row) => row.status)).toEqual(["invited"]);
    expect(await list({ role: "admin" })).toEqual({ rows: [], total: 0, page: 1 });
  });

  it.runIf(onPostgres)("asks for the counter and the rows in one write", async () => {
    const tenant = await createTenant("first-page-write");
    await addMemberWith(tenant.id, (await createUser("first-page-write")).id, ["viewer"]);
    const writes = await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
      await tx.execute(sql`select 1`); // the scope's own write is out of the way
      return socketWritesDuring(tx, () => listMembers(tx, FIRST_PAGE));
    });
    const first = writes[0] ?? "";
    expect(first).toContain("member_count");
    expect(first).toContain("member_email");
  });
});
