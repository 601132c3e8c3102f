// The access review's query: every member with groups, two-factor, last sign-in and last activity in
// this tenant; filters by group, permission, two-factor, status and search; paging; and never a row
// of another tenant, whatever the filters or the scope the query is handed.
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/db/scopes";
import { accessReviewBatch, listAccessReview, type AccessReviewQuery } from "@/db/queries/access-review";
import { effectivePermissions } from "@/lib/groups/effective-permissions";
import { PERMISSIONS } from "@/lib/permission-catalog";
import { rolesGranting, rolesLabel } from "@/lib/permissions";
import { memberAccess } from "@/lib/access-review/member-access";
import { tenantGroupMembers, tenantGroups } from "@/db/schema";
import { eq } from "drizzle-orm";
import { accessReviewUrlState, toAccessReviewQuery } from "@/lib/url-state/access-review";
import { accessReviewWorld } from "./support";

let world: Awaited<ReturnType<typeof accessReviewWorld>>;

beforeAll(async () => {
  world = await accessReviewWorld();
});

const DEFAULT: AccessReviewQuery = { page: 1, size: 25 };
const review = (query: Partial<AccessReviewQuery> = {}, tenantId = world.a.id) =>
  withTenant({ tenantId, userId: null }, (tx) => listAccessReview(tx, { ...DEFAULT, ...query }));
const labels = async (query: Partial<AccessReviewQuery> = {}) => (await review(query)).rows.map((row) => row.email.split("-")[0]).sort();
const fromUrl = (search: string) => toAccessReviewQuery(accessReviewUrlState.parse(new URLSearchParams(search)));

describe("effective permissions", () => {
  it("are the union of the roles' permissions in the catalog's order", () => {
    expect(effectivePermissions({ roles: ["viewer"] })).toEqual(["tenant.read", "members.read", "activity.read", "flows.read", "settings.read", "credentials.read", "tables.read", "connections.read", "dashboards.read"]);
    expect(effectivePermissions({ roles: ["editor", "viewer"] })).toEqual(effectivePermissions({ roles: ["editor"] }));
    expect(effectivePermissions({ roles: ["admin"] })).toEqual([...PERMISSIONS]);
    expect(effectivePermissions({ roles: [] })).toEqual([]);
    expect(rolesGranting("members.manage")).toEqual(["admin"]);
    expect(rolesGranting("flows.write")).toEqual(["editor", "admin"]);
  });
});

describe("listAccessReview", () => {
  it("counts custom groups: their names with the member's groups, their permissions in the effective ones and the permission filter", async () => {
    const cy = (await review()).rows.find((row) => row.email.startsWith("cy"))!;
    const [group] = await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
      tx.insert(tenantGroups).values({ tenantId: world.a.id, name: "Auditors", permissions: ["api_keys.manage"] }).returning(),
    );
    await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.insert(tenantGroupMembers).values({ tenantId: world.a.id, groupId: group!.id, userId: cy.userId }));
    try {
      expect(await labels(fromUrl("permission=api_keys.manage"))).toEqual(["ada", "cy"]);
      const row = (await review()).rows.find((candidate) => candidate.userId === cy.userId)!;
      expect(row.customGroups).toEqual(["Auditors"]);
      const shown = memberAccess(row);
      expect(shown.groups).toBe(`${rolesLabel(row.roles)}, Auditors`);
      expect(shown.permissions).toContain("api_keys.manage");
      expect(shown.permissions).not.toContain("members.manage");
    } finally {
      await withTenant({ tenantId: world.a.id, userId: null }, (tx) => tx.delete(tenantGroups).where(eq(tenantGroups.id, group!.id)));
    }
    expect(await labels(fromUrl("permission=api_keys.manage"))).toEqual(["ada"]);
  });

  it("lists every member A to Z with two-factor, last sign-in and last activity in this tenant only", async () => {
    const { rows, total } = await review();
    expect(total).toBe(5);
    expect(rows.map((row) => row.email.split("-")[0])).toEqual(["ada", "bob", "cy", "dee", "zed"]);
    const byLabel = Object.fromEntries(rows.map((row) => [row.email.split("-")[0], row]));
    expect(byLabel.ada).toMatchObject({ roles: ["admin"], status: "active", twoFactor: true, lastSignInAt: new Date("2026-03-01T10:00:00Z"), lastActivityAt: new Date("2026-03-01T12:00:00Z") });
    // A pending enrolment is not two-factor.
    expect(byLabel.bob).toMatchObject({ twoFactor: false, lastSignInAt: null, lastActivityAt: null });
    expect(byLabel.dee).toMatchObject({ roles: ["viewer", "editor"], twoFactor: true });
    // Invited: the account's name, two-factor and sign-in are not the tenant's to see.
    expect(byLabel.zed).toMatchObject({ status: "invited", name: null, twoFactor: null, lastSignInAt: null, lastActivityAt: null });
  });

  it("filters by group, permission, two-factor, status and search", async () => {
    expect(await labels({ role: "editor" })).toEqual(["bob", "dee"]);
    expect(await labels(fromUrl("permission=flows.write"))).toEqual(["ada", "bob", "dee"]);
    expect(await labels(fromUrl("permission=members.manage"))).toEqual(["ada"]);
    expect(await labels(fromUrl("permission=tenant.read"))).toEqual(["ada", "bob", "cy", "dee", "zed"]);
    // Invited members match neither two-factor filter (Zed's account has it on).
    expect(await labels({ twoFactor: "on" })).toEqual(["ada", "dee"]);
    expect(await labels({ twoFactor: "off" })).toEqual(["bob", "cy"]);
    expect(await labels({ status: "suspended" })).toEqual(["cy"]);
    // A search no address's random hex suffix can hold ("dee" was in Ada's once): "y" is no hex digit.
    expect(await labels({ search: "cy" })).toEqual(["cy"]);
    expect(await labels({ twoFactor: "off", role: "viewer" })).toEqual(["cy"]);
    expect((await review({ twoFactor: "off" })).total).toBe(2);
  });

  it("reads unknown URL values as no filter", async () => {
    expect(fromUrl("permission=root.everything&twoFactor=maybe&role=owner")).toEqual({ page: 1, size: 25, search: undefined, permission: undefined, role: undefined, twoFactor: undefined, status: undefined });
    expect(fromUrl("permission=members.manage&twoFactor=off&q=ada&page=2")).toEqual({ page: 2, size: 25, search: "ada", permission: "members.manage", role: undefined, twoFactor: "off", status: undefined });
  });

  it("pages A to Z, and a page past the end shows the last page", async () => {
    const paged = await withTenant({ tenantId: world.a.id, userId: null }, async (tx) => [
      await listAccessReview(tx, { page: 2, size: 2 } as AccessReviewQuery),
      await listAccessReview(tx, { page: 9, size: 2 } as AccessReviewQuery),
    ]);
    expect(paged[0]!.rows.map((row) => row.email.split("-")[0])).toEqual(["cy", "dee"]);
    expect(paged[0]!.total).toBe(5);
    expect(paged[1]!.page).toBe(3);
    expect(paged[1]!.rows.map((row) => row.email.split("-")[0])).toEqual(["zed"]);
  });

  it("never shows another tenant's members, whatever the filters", async () => {
    const outsiderEmail = world.outsider.email;
    for (const query of [{}, { search: "ada" }, { twoFactor: "on" as const }, { role: "admin" as const }, fromUrl("permission=members.manage")]) {
      const { rows } = await review(query);
      expect(rows.map((row) => row.email)).not.toContain(outsiderEmail);
    }
    // Tenant B's review shows B's own members, and Ada's activity in B, not in A.
    const inB = await review({}, world.b.id);
    expect(inB.rows.map((row) => row.email).sort()).toEqual([world.ada.email, outsiderEmail].sort());
    expect(inB.rows.find((row) => row.userId === world.ada.id)?.lastActivityAt).toEqual(new Date("2026-03-05T12:00:00Z"));
  });

  it("a scope without a tenant sees nobody (row-level security, not only the query's filter)", async () => {
    const { rows, total } = await withTenant({ tenantId: "00000000-0000-4000-8000-000000000000", userId: null }, (tx) => listAccessReview(tx, DEFAULT));
    expect(rows).toEqual([]);
    expect(total).toBe(0);
  });
});

describe("accessReviewBatch (the export's batches)", () => {
  it("reads the filtered members in address order, batch after batch", async () => {
    const batches = await withTenant({ tenantId: world.a.id, userId: null }, async (tx) => {
      const first = await accessReviewBatch(tx, {}, undefined, 2);
      const second = await accessReviewBatch(tx, {}, first.at(-1)!.email, 2);
      const third = await accessReviewBatch(tx, {}, second.at(-1)!.email, 2);
      return [first, second, third].map((batch) => batch.map((row) => row.email.split("-")[0]));
    });
    expect(batches).toEqual([["ada", "bob"], ["cy", "dee"], ["zed"]]);
  });
});
