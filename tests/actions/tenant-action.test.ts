// The shared action wrapper, attacked: every refusal is a typed result and changes nothing; a
// success writes its change and its activity entry in one transaction.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, flows, memberships, tenants, users } from "@/db/schema";
import { addMember, createTenant, createTwoTenants, createUser } from "../support/fixtures";
import { signInAs } from "../support/session";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});

const { tenantAction } = await import("@/lib/actions/tenant-action");
const { ActionError } = await import("@/lib/actions/core");
const { switchTenant } = await import("@/app/t/[slug]/actions");

// A test-only action that writes a tenant row, so "changed nothing" can be checked.
const createFlow = tenantAction({
  name: "test.create-flow",
  permission: "flows.write",
  input: z.object({ name: z.string().trim().min(1, "Name is required") }),
  async run({ tx, actor, input }) {
    const [flow] = await tx.insert(flows).values({ tenantId: actor.tenant.id, name: input.name }).returning();
    if (input.name === "explode after write") throw new Error("crash mid-transaction");
    if (input.name === "refuse after write") throw new ActionError("CONFLICT", "Refused on purpose");
    return { data: { id: flow!.id }, activity: { action: "flow.created", targetType: "flow", targetId: flow!.id, summary: `created ${input.name}` } };
  },
});

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let viewerA: { id: string; email: string };
let editorA: { id: string; email: string };

const flowsNamed = (tenantId: string, name: string) =>
  withTenant({ tenantId, userId: null }, (tx) => tx.select().from(flows).where(and(eq(flows.tenantId, tenantId), eq(flows.name, name))));
const entriesFor = (tenantId: string, action: string) =>
  withTenant({ tenantId, userId: null }, (tx) => tx.select().from(activity).where(and(eq(activity.tenantId, tenantId), eq(activity.action, action))));

beforeAll(async () => {
  world = await createTwoTenants();
  viewerA = await createUser("viewer-a");
  editorA = await createUser("editor-a");
  await addMember(world.a.id, viewerA.id, ["viewer"]);
  await addMember(world.a.id, editorA.id, ["editor"]);
});

describe("tenantAction", () => {
  it("runs the change and writes its activity entry with the actor", async () => {
    signInAs(editorA);
    const result = await createFlow(world.a.slug, null, { name: "Invoices" });
    expect(result.ok).toBe(true);
    expect(await flowsNamed(world.a.id, "Invoices")).toHaveLength(1);
    const [entry] = (await entriesFor(world.a.id, "flow.created")).filter((e) => e.summary === "created Invoices");
    expect(entry).toMatchObject({ actorUserId: editorA.id, actorEmail: editorA.email, targetType: "flow" });
  });

  it("answers VALIDATION with the field's message for bad input, and parses FormData", async () => {
    signInAs(editorA);
    const form = new FormData();
    form.set("name", "   ");
    const result = await createFlow(world.a.slug, null, form);
    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: { name: ["Name is required"] },
    });
  });

  it("answers VALIDATION for text PostgreSQL cannot store, under the field", async () => {
    signInAs(editorA);
    const result = await createFlow(world.a.slug, null, { name: "nul\u0000byte" });
    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: { name: [expect.any(String)] },
    });
  });

  it("answers UNAUTHENTICATED when signed out, and writes nothing", async () => {
    signInAs(null);
    expect(await createFlow(world.a.slug, null, { name: "Anonymous" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await flowsNamed(world.a.id, "Anonymous")).toEqual([]);
  });

  it("answers FORBIDDEN to a member without the permission, and writes nothing", async () => {
    signInAs(viewerA);
    expect(await createFlow(world.a.slug, null, { name: "By viewer" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      message: "You do not have permission to do this in this tenant.",
    });
    expect(await flowsNamed(world.a.id, "By viewer")).toEqual([]);
  });

  it("answers NOT_FOUND for another tenant's slug, even to that tenant's name-guessing admin", async () => {
    signInAs(world.adminA);
    const result = await createFlow(world.b.slug, null, { name: "Planted" });
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await flowsNamed(world.b.id, "Planted")).toEqual([]);
    expect(await createFlow("no-such-tenant", null, { name: "Planted" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  // A forged call can send any JSON value as the slug. One that is not a string names no tenant, even
  // when it reads as a member's tenant slug once turned into text (slugs may be all digits).
  it("answers NOT_FOUND to a slug that is not a string, and writes nothing", async () => {
    const digits = String(Math.floor(Math.random() * 1e9));
    const open = await withSystem((tx) => tx.insert(tenants).values({ slug: digits, name: `Digits ${digits}` }).returning());
    const passwordOnly = await withSystem((tx) =>
      tx.insert(tenants).values({ slug: `${digits}1`, name: `Digits ${digits}1`, magicLinkEnabled: false }).returning(),
    );
    signInAs(editorA);
    for (const tenant of [open[0]!, passwordOnly[0]!]) {
      await addMember(tenant.id, editorA.id, ["editor"]);
      const forged = createFlow as unknown as (slug: unknown, previous: null, input: { name: string }) => ReturnType<typeof createFlow>;
      // With a string slug, the member gets in (or is told this tenant requires a password).
      const real = await createFlow(tenant.slug, null, { name: "Real" });
      expect(real).toMatchObject(tenant.magicLinkEnabled ? { ok: true } : { ok: false, code: "UNAUTHENTICATED" });
      for (const slug of [Number(tenant.slug), [tenant.slug]]) {
        expect(await forged(slug, null, { name: "Forged" }), JSON.stringify(slug)).toMatchObject({ ok: false, code: "NOT_FOUND" });
      }
      expect(await flowsNamed(tenant.id, "Forged")).toEqual([]);
    }
  });

  it("answers NOT_FOUND to a suspended member, and writes nothing", async () => {
    const suspended = await createUser("suspended");
    await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
      tx.insert(memberships).values({ tenantId: world.a.id, userId: suspended.id, roles: ["admin"], status: "suspended" }),
    );
    signInAs(suspended);
    expect(await createFlow(world.a.slug, null, { name: "By suspended" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await flowsNamed(world.a.id, "By suspended")).toEqual([]);
  });

  it("sees a role change on the very next call", async () => {
    const member = await createUser("promoted");
    await addMember(world.a.id, member.id, ["viewer"]);
    signInAs(member);
    expect(await createFlow(world.a.slug, null, { name: "Before promotion" })).toMatchObject({ code: "FORBIDDEN" });
    await withTenant({ tenantId: world.a.id, userId: null }, (tx) =>
      tx.update(memberships).set({ roles: ["editor"] }).where(and(eq(memberships.tenantId, world.a.id), eq(memberships.userId, member.id))),
    );
    expect(await createFlow(world.a.slug, null, { name: "After promotion" })).toMatchObject({ ok: true });
  });

  it("rolls back the change when the action fails after writing: neither change nor entry remains", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    signInAs(editorA);
    const crash = await createFlow(world.a.slug, null, { name: "explode after write" });
    expect(crash).toMatchObject({ ok: false, code: "INTERNAL", message: "Something went wrong and nothing was changed. Please try again." });
    expect(crash.ok === false && crash.message).not.toMatch(/crash mid-transaction/);
    // The cause goes to the server log, not to the user.
    expect(logged).toHaveBeenCalledWith("[action test.create-flow]", expect.any(Error));
    logged.mockRestore();
    const refusal = await createFlow(world.a.slug, null, { name: "refuse after write" });
    expect(refusal).toMatchObject({ ok: false, code: "CONFLICT", message: "Refused on purpose" });
    for (const name of ["explode after write", "refuse after write"]) {
      expect(await flowsNamed(world.a.id, name)).toEqual([]);
      expect((await entriesFor(world.a.id, "flow.created")).filter((e) => e.summary === `created ${name}`)).toEqual([]);
    }
  });
});

describe("switchTenant", () => {
  it("remembers the chosen tenant and records the switch in that tenant's log", async () => {
    const both = await createUser("switcher");
    const other = await createTenant("other");
    await addMember(world.a.id, both.id, ["viewer"]);
    await addMember(other.id, both.id, ["viewer"]);
    signInAs(both);
    expect(await switchTenant(other.slug, null, {})).toEqual({ ok: true, data: { slug: other.slug } });
    const [row] = await withSystem((tx) => tx.select({ last: users.lastTenantId }).from(users).where(eq(users.id, both.id)));
    expect(row?.last).toBe(other.id);
    expect((await entriesFor(other.id, "tenant.switched")).map((e) => e.actorUserId)).toEqual([both.id]);
  });

  it("answers NOT_FOUND for a tenant the caller does not belong to, and remembers nothing", async () => {
    signInAs(world.adminA);
    expect(await switchTenant(world.b.slug, null, {})).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const [row] = await withSystem((tx) => tx.select({ last: users.lastTenantId }).from(users).where(eq(users.id, world.adminA.id)));
    expect(row?.last).toBeNull();
    expect(await entriesFor(world.b.id, "tenant.switched")).toEqual([]);
  });
});
