// A superadmin entering a tenant they do not belong to: let in with Admin powers, every page view and
// every change written to that tenant's log and marked as a superadmin's. Nobody else gets in, and a
// revoked flag closes the door on the next request.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, flows, users } from "@/db/schema";
import { addMember, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { signInAs } from "../support/session";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// notFound() and redirect() throw in Next; make them recognizable here.
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));

const { getActor, requireActor } = await import("@/lib/actor");
const { createFlow, deleteFlow } = await import("@/app/t/[slug]/flows/actions");
const { changeMemberRoles } = await import("@/app/t/[slug]/members/actions/change-member-roles");
const { withPlatformPage } = await import("@/lib/platform-page");

type User = { id: string; email: string };
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let root: User;

const entries = (tenantId: string, action: string) =>
  withTenant({ tenantId, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));

beforeAll(async () => {
  world = await createTwoTenants();
  root = await createUser("root", { isSuperadmin: true });
});

describe("entering a tenant", () => {
  it("a superadmin who is not a member enters with Admin powers, marked as a superadmin visit", async () => {
    signInAs(root);
    expect(await getActor(world.a.slug)).toMatchObject({
      user: root,
      tenant: { id: world.a.id, slug: world.a.slug },
      roles: ["admin"],
      membershipId: null,
      viaSuperadmin: true,
    });
    expect(await getActor("no-such-tenant")).toBeNull();
  });

  it("a superadmin who is a member acts as that member: their own roles, no superadmin mark", async () => {
    const memberRoot = await createUser("member-root", { isSuperadmin: true });
    await addMember(world.a.id, memberRoot.id, ["viewer"]);
    signInAs(memberRoot);
    expect(await getActor(world.a.slug)).toMatchObject({ roles: ["viewer"], viaSuperadmin: false });
    expect(await createFlow(world.a.slug, null, { name: `As viewer ${uniqueSuffix()}`, steps: ["validate"] })).toMatchObject({ code: "FORBIDDEN" });
  });

  it("anyone else, including another tenant's Admin, is not let in", async () => {
    signInAs(world.adminB);
    expect(await getActor(world.a.slug)).toBeNull();
    await expect(requireActor(world.a.slug)).rejects.toThrow("NEXT_NOT_FOUND");
  });

  it("a revoked flag applies on the very next request", async () => {
    const former = await createUser("former", { isSuperadmin: true });
    signInAs(former);
    expect(await getActor(world.b.slug)).toMatchObject({ viaSuperadmin: true });
    await withSystem((tx) => tx.update(users).set({ isSuperadmin: false }).where(eq(users.id, former.id)));
    expect(await getActor(world.b.slug)).toBeNull();
    expect(await createFlow(world.b.slug, null, { name: "After revoke", steps: ["validate"] })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});

describe("what a visit leaves in the tenant's log", () => {
  it("every page view writes superadmin.viewed; a member's view writes nothing", async () => {
    signInAs(root);
    const before = (await entries(world.b.id, "superadmin.viewed")).length;
    await requireActor(world.b.slug);
    await requireActor(world.b.slug);
    const views = await entries(world.b.id, "superadmin.viewed");
    expect(views).toHaveLength(before + 2);
    expect(views.at(-1)).toMatchObject({
      actorUserId: root.id,
      actorEmail: root.email,
      targetType: "page",
      targetId: `/t/${world.b.slug}`,
      details: { path: `/t/${world.b.slug}`, viaSuperadmin: true },
    });

    signInAs(world.adminB);
    await requireActor(world.b.slug);
    expect(await entries(world.b.id, "superadmin.viewed")).toHaveLength(before + 2);
  });

  it("a change records as usual, marked as made by a superadmin", async () => {
    signInAs(root);
    const name = `Made by root ${uniqueSuffix()}`;
    const created = await createFlow(world.b.slug, null, { name, steps: ["validate"] });
    expect(created).toMatchObject({ ok: true });
    const [entry] = (await entries(world.b.id, "flow.created")).filter((e) => created.ok && e.targetId === created.data.id);
    expect(entry).toMatchObject({
      actorUserId: root.id,
      summary: expect.stringMatching(/\(as superadmin\)$/),
      details: expect.objectContaining({ viaSuperadmin: true }),
    });
    // A member's change carries no such mark.
    signInAs(world.adminB);
    const [flow] = await withTenant({ tenantId: world.b.id, userId: null }, (tx) => tx.select().from(flows).where(eq(flows.name, name)));
    expect(await deleteFlow(world.b.slug, null, { flowId: flow!.id })).toMatchObject({ ok: true });
    const [deleted] = (await entries(world.b.id, "flow.deleted")).filter((e) => e.targetId === flow!.id);
    expect(deleted!.summary).not.toMatch(/superadmin/);
    expect(deleted!.details).not.toHaveProperty("viaSuperadmin");
  });
});

describe("a visiting superadmin's Admin powers", () => {
  it("include managing members (the members actions re-check access like the wrapper does)", async () => {
    const member = await createUser("managed");
    const membership = await addMember(world.b.id, member.id, ["viewer"]);
    signInAs(root);
    expect(await changeMemberRoles(world.b.slug, null, { memberId: membership.id, roles: ["editor"] })).toMatchObject({ ok: true });
    const [entry] = (await entries(world.b.id, "member.roles_changed")).filter((e) => e.actorUserId === root.id);
    expect(entry?.summary).toMatch(/\(as superadmin\)$/);
  });
});

describe("the /admin pages' guard", () => {
  it("answers 404 (notFound) to anyone but a superadmin, before any platform query runs", async () => {
    const reads: string[] = [];
    const read = () => withPlatformPage(async (_tx, superadmin) => reads.push(superadmin.email));
    for (const caller of [null, world.adminA, await createUser("plain")]) {
      signInAs(caller);
      await expect(read()).rejects.toThrow("NEXT_NOT_FOUND");
    }
    expect(reads).toEqual([]);
    signInAs(root);
    await read();
    expect(reads).toEqual([root.email]);
  });
});
