// GET /t/<slug>/activity/actors?q=: the Actor filter's bounded search. It answers only members of the
// tenant in the URL, only to a caller who may read that tenant's log, at most 20 at a time, and never
// a member of another tenant, whatever is typed (an address, a guessed id, LIKE wildcards).
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { insertUser } from "@/db/queries/users";
import { memberships } from "@/db/schema";
import { ACTOR_CHOICES, findActivityActor, searchActivityActors } from "@/db/queries/activity/actors";
import { addMember, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { signInAs } from "../support/session";
import { claimingTenant } from "../support/forged-scope";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

const { GET } = await import("@/app/t/[slug]/activity/actors/route");

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let viewerA: { id: string; email: string };
let invitedA: { id: string; email: string };
let sharedPrefix: string;
let crowd: { id: string; email: string }[];

async function search(slug: string, q: string | null) {
  const url = new URL(`http://tenantry.test/t/${slug}/activity/actors`);
  if (q !== null) url.searchParams.set("q", q);
  const response = await GET(new Request(url), { params: Promise.resolve({ slug }) });
  const body = response.status === 200 ? ((await response.json()) as { options: { value: string; label: string }[] }) : null;
  return { status: response.status, options: body?.options ?? [], cacheControl: response.headers.get("cache-control") };
}

beforeAll(async () => {
  world = await createTwoTenants();
  viewerA = await createUser("viewer-a");
  await addMember(world.a.id, viewerA.id, ["viewer"]);
  // An Invited member whose account carries a name: the tenant typed only the address.
  invitedA = await withSystem((tx) => insertUser(tx, { email: `invitee-${uniqueSuffix()}@example.test`, name: "Yolanda Secretname" }));
  const invited = await addMember(world.a.id, invitedA.id, ["viewer"]);
  await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
    tx.update(memberships).set({ status: "invited" }).where(and(eq(memberships.tenantId, world.a.id), eq(memberships.id, invited.id))),
  );
  // More members sharing a prefix than one answer may hold.
  sharedPrefix = `crowd${uniqueSuffix()}`;
  crowd = [];
  for (let i = 0; i < ACTOR_CHOICES + 5; i++) {
    const user = await createUser(`${sharedPrefix}-${String(i).padStart(2, "0")}`);
    await addMember(world.a.id, user.id, ["viewer"]);
    crowd.push(user);
  }
});

describe("the Actor search answers the tenant's own members", () => {
  it("finds members by the beginning of their address or name, in any case, by address", async () => {
    signInAs(viewerA);
    const byEmail = await search(world.a.slug, world.adminA.email.slice(0, 9).toUpperCase());
    expect(byEmail.status).toBe(200);
    expect(byEmail.options).toEqual([{ value: world.adminA.id, label: world.adminA.email }]);
    expect(byEmail.cacheControl).toContain("no-store");
    // createUser names an account after its label: "admin-a".
    const byName = await search(world.a.slug, "ADMIN-A");
    expect(byName.options.map((o) => o.value)).toContain(world.adminA.id);
  });

  it("answers at most 20, the first by address", async () => {
    signInAs(viewerA);
    const { options } = await search(world.a.slug, sharedPrefix);
    expect(options).toHaveLength(ACTOR_CHOICES);
    const expected = [...crowd].sort((x, y) => (x.email < y.email ? -1 : 1)).slice(0, ACTOR_CHOICES);
    expect(options.map((o) => o.label)).toEqual(expected.map((u) => u.email));
    const newest = await search(world.a.slug, null);
    expect(newest.options).toHaveLength(ACTOR_CHOICES);
  });

  it("finds an Invited member by the address only, never by the account's name", async () => {
    signInAs(viewerA);
    expect((await search(world.a.slug, "yolanda")).options).toEqual([]);
    expect((await search(world.a.slug, invitedA.email.slice(0, 12))).options).toEqual([{ value: invitedA.id, label: invitedA.email }]);
  });

  it("takes LIKE wildcards and unstorable characters literally, without an error", async () => {
    signInAs(viewerA);
    for (const q of ["%", "_", "\\", "a\u0000b", "\uD800", "x".repeat(10_000)]) {
      const { status, options } = await search(world.a.slug, q);
      expect(status).toBe(200);
      expect(options).toEqual([]);
    }
  });
});

describe("the Actor search never shows another tenant's members (attacks)", () => {
  it("a member of A typing B's member's address, name or id gets nothing", async () => {
    signInAs(viewerA);
    for (const q of [world.adminB.email, world.adminB.email.slice(0, 7), "admin-b", world.adminB.id]) {
      expect((await search(world.a.slug, q)).options).toEqual([]);
    }
    // The page resolves the chosen actor inside A only: B's id (guessed or copied) names nobody.
    expect(await withTenant({ tenantId: world.a.id, userId: viewerA.id }, (tx) => findActivityActor(tx, world.adminB.id))).toBeNull();
    expect(await withTenant({ tenantId: world.a.id, userId: viewerA.id }, (tx) => findActivityActor(tx, viewerA.id))).toEqual({ id: viewerA.id, email: viewerA.email });
  });

  it("a query naming B's tenant id inside A's scope is stopped by row-level security", async () => {
    const fromA = await withTenant({ tenantId: world.a.id, userId: viewerA.id }, async (inA) => [
      await searchActivityActors(claimingTenant(inA, world.b.id), ""),
      await searchActivityActors(claimingTenant(inA, world.b.id), world.adminB.email.slice(0, 7)),
      await findActivityActor(claimingTenant(inA, world.b.id), world.adminB.id),
    ]);
    expect(fromA).toEqual([[], [], null]);
  });

  it("needs a signed-in member of the tenant in the URL: anyone else gets the same 404", async () => {
    signInAs(null);
    expect(await search(world.a.slug, "")).toMatchObject({ status: 404, options: [] });
    signInAs(world.adminB);
    expect(await search(world.a.slug, world.adminA.email.slice(0, 7))).toMatchObject({ status: 404, options: [] });
    expect(await search("no-such-tenant", "")).toMatchObject({ status: 404, options: [] });
    // An Invited (not yet accepted) member is not a member yet.
    signInAs(invitedA);
    expect((await search(world.a.slug, "")).status).toBe(404);
    // Suspended: out on the very next request.
    await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
      tx.update(memberships).set({ status: "suspended" }).where(and(eq(memberships.tenantId, world.a.id), eq(memberships.userId, viewerA.id))),
    );
    signInAs(viewerA);
    expect((await search(world.a.slug, "")).status).toBe(404);
    await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
      tx.update(memberships).set({ status: "active" }).where(and(eq(memberships.tenantId, world.a.id), eq(memberships.userId, viewerA.id))),
    );
    expect((await search(world.a.slug, "")).status).toBe(200);
  });
});
