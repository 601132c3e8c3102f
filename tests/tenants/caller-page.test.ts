// What a tenant page view reads of its caller, in one statement since migration 0050 (the caller_page
// function): held to the four reads it replaces (the account's flags, the switcher, the membership and,
// for an active member, the tenant's IP allow-lists) for members, a suspended member, a superadmin who
// is no member, a stranger and an unknown slug; and under the user scope's row-level security: a caller
// who names another user's id learns nothing of that user's tenants, membership or lists.
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { withSystem, withTenant, withUser } from "@/db/scopes";
import { tenants, users as usersTable } from "@/db/schema";
import { readCallerPage } from "@/db/queries/caller-page";
import { findMembershipBySlug, listTenantsOfUser } from "@/db/queries/tenants";
import { getAccountFlags } from "@/db/queries/users";
import { readIpAllowLists, replaceIpAllowLists } from "@/db/queries/ip-allow-lists";
import { insertMembership } from "@/db/queries/memberships";
import { addMember, createTenant, createUser } from "../support/fixtures";

type Tenant = Awaited<ReturnType<typeof createTenant>>;
type User = Awaited<ReturnType<typeof createUser>>;
let guarded: Tenant;
let archived: Tenant;
let open: Tenant;
const people: Record<"admin" | "viewer" | "suspended" | "superadmin" | "stranger", User> = {} as never;
const LISTS = { run: ["10.0.0.0/8"], admin: ["192.0.2.0/24", "2001:db8::/32"] };

/** The four reads caller_page replaces, as lib/actor.ts made them before migration 0050. */
async function reference(userId: string, slug: string) {
  const read = await withUser({ userId }, async (tx) => ({
    account: await getAccountFlags(tx, userId),
    switcher: await listTenantsOfUser(tx, userId),
    membership: await findMembershipBySlug(tx, userId, slug),
  }));
  const active = read.membership?.status === "active" ? read.membership.tenant.id : null;
  const ipAllowLists = active ? await withTenant({ tenantId: active, userId: null }, (tx) => readIpAllowLists(tx)) : {};
  return { ...read, ipAllowLists };
}

const callerPage = (userId: string, slug: string, scopeUserId = userId) => withUser({ userId: scopeUserId }, (tx) => readCallerPage(tx, userId, slug));

beforeAll(async () => {
  [guarded, archived, open] = [await createTenant("guarded"), await createTenant("archived"), await createTenant("open")];
  for (const label of ["admin", "viewer", "suspended", "superadmin", "stranger"] as const) people[label] = await createUser(label);
  await addMember(guarded.id, people.admin.id, ["admin"]);
  await addMember(archived.id, people.admin.id, ["editor"]);
  await addMember(open.id, people.admin.id, ["viewer"]);
  await addMember(guarded.id, people.viewer.id, ["viewer"]);
  await withTenant({ tenantId: guarded.id, userId: null }, async (tx) => {
    await insertMembership(tx, { userId: people.suspended.id, roles: ["editor"], status: "suspended" });
    await replaceIpAllowLists(tx, LISTS);
  });
  await withSystem(async (tx) => {
    await tx.update(usersTable).set({ isSuperadmin: true, canCreateTenants: true }).where(eq(usersTable.id, people.superadmin.id));
    await tx.update(tenants).set({ archivedAt: new Date() }).where(eq(tenants.id, archived.id));
  });
});

describe("caller_page (migration 0050)", () => {
  it("reads what the four separate reads read, for every kind of caller", async () => {
    for (const label of Object.keys(people) as (keyof typeof people)[]) {
      for (const slug of [guarded.slug, archived.slug, open.slug, "no-such-tenant"]) {
        expect(await callerPage(people[label].id, slug), `${label} in ${slug}`).toEqual(await reference(people[label].id, slug));
      }
    }
  });

  it("carries the flags, the switcher by name (archived marked) and an active member's lists", async () => {
    const admin = await callerPage(people.admin.id, guarded.slug);
    expect(admin.account).toEqual({ canCreateTenants: false, isSuperadmin: false });
    expect(admin.switcher.map((t) => [t.id, t.archived])).toEqual(
      [guarded, archived, open].sort((x, y) => (x.name < y.name ? -1 : 1)).map((t) => [t.id, t.id === archived.id]),
    );
    expect(admin.membership).toMatchObject({ roles: ["admin"], status: "active", tenant: { id: guarded.id } });
    expect(admin.ipAllowLists).toEqual(LISTS);
    // The lists are the page's tenant's: none where the member's tenant has none.
    expect((await callerPage(people.admin.id, open.slug)).ipAllowLists).toEqual({});
  });

  it("gives a suspended member, a superadmin who is no member and a stranger no lists and no membership of theirs", async () => {
    const suspended = await callerPage(people.suspended.id, guarded.slug);
    expect(suspended).toMatchObject({ switcher: [], membership: { status: "suspended" }, ipAllowLists: {} });
    expect(await callerPage(people.superadmin.id, guarded.slug)).toEqual({
      account: { canCreateTenants: true, isSuperadmin: true },
      switcher: [],
      membership: null,
      ipAllowLists: {},
    });
    expect(await callerPage(people.stranger.id, guarded.slug)).toMatchObject({ switcher: [], membership: null, ipAllowLists: {} });
  });

  it("attack: in the stranger's scope, naming the admin's id finds none of the admin's tenants, membership or lists", async () => {
    const asked = await callerPage(people.admin.id, guarded.slug, people.stranger.id);
    expect(asked).toMatchObject({ switcher: [], membership: null, ipAllowLists: {} });
  });
});
