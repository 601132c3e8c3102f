// What the wrappers do around the transaction: the tenant-row lock taken before the caller is
// authorized (a demotion that commits while the action waits counts), the one revalidation rule
// (a tenant write refreshes the tenant's pages, a platform write the console's; nothing for a
// refusal, a write that changed nothing, or a caller the write shut out), and the action's message.
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/scopes";
import { memberships, tenants } from "@/db/schema";
import { addMember, createTenant, createTwoTenants, createUser, uniqueSuffix } from "../support/fixtures";
import { signInAs } from "../support/session";

const revalidatePath = vi.fn();
vi.mock("next/cache", () => ({ revalidatePath: (...args: unknown[]) => revalidatePath(...args) }));
// As in Next.js, a redirect ends the action by throwing; the test reads where it leads.
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));
vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});

const { tenantAction } = await import("@/lib/actions/tenant-action");
const { platformAction } = await import("@/lib/actions/platform-action");
const { ActionError } = await import("@/lib/actions/core");
const { submitCreateTenant } = await import("@/app/tenants/new/actions");

// Test-only actions: one that says what it did (or did nothing), one that needs the lock.
const noteInTenant = tenantAction({
  name: "test.after-commit.note",
  permission: "tenant.read",
  input: z.object({ note: z.string(), leave: z.boolean().optional() }),
  async run({ tx, actor, input }) {
    if (input.note === "refuse") throw new ActionError("CONFLICT", "Refused on purpose");
    if (input.leave) await tx.delete(memberships).where(and(eq(memberships.tenantId, actor.tenant.id), eq(memberships.userId, actor.user.id)));
    const activity = input.note === "" ? null : { action: "test.noted", summary: input.note };
    return { data: null, activity, message: `Noted ${input.note}.` };
  },
});

const lockedRead = tenantAction({
  name: "test.after-commit.locked",
  permission: "settings.manage",
  lockTenant: true,
  input: z.object({}),
  async run({ tenant }) {
    return { data: { lockedName: tenant.name }, activity: null };
  },
});

const platformNote = platformAction({
  name: "test.after-commit.platform",
  input: z.object({}),
  async run() {
    return { data: null, activity: { action: "test.platform_noted", summary: "noted" } };
  },
});

let world: Awaited<ReturnType<typeof createTwoTenants>>;

beforeAll(async () => {
  world = await createTwoTenants();
});

beforeEach(() => revalidatePath.mockClear());

describe("after a tenant write", () => {
  it("refreshes the tenant's pages and answers the action's message", async () => {
    signInAs(world.adminA);
    expect(await noteInTenant(world.a.slug, null, { note: "one" })).toEqual({ ok: true, data: null, message: "Noted one." });
    expect(revalidatePath.mock.calls).toEqual([[`/t/${world.a.slug}`, "layout"]]);
  });

  it("refreshes nothing for a refusal or a write that changed nothing", async () => {
    signInAs(world.adminA);
    expect(await noteInTenant(world.a.slug, null, { note: "refuse" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await noteInTenant(world.a.slug, null, { note: "" })).toMatchObject({ ok: true });
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("does not refresh the tenant for a caller the write shut out (they are sent elsewhere)", async () => {
    const leaving = await createUser("leaving");
    await addMember(world.a.id, leaving.id, ["viewer"]);
    signInAs(leaving);
    expect(await noteInTenant(world.a.slug, null, { note: "bye", leave: true })).toMatchObject({ ok: true });
    expect(revalidatePath).not.toHaveBeenCalled();
  });
});

describe("a refresh that fails after the commit", () => {
  it("still answers the committed write as done, and logs why the pages were not refreshed", async () => {
    signInAs(world.adminA);
    const failure = new Error("the cache is unreachable");
    revalidatePath.mockImplementationOnce(() => {
      throw failure;
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await noteInTenant(world.a.slug, null, { note: "kept" })).toEqual({ ok: true, data: null, message: "Noted kept." });
      expect(logged.mock.calls).toEqual([[`[refresh /t/${world.a.slug}]`, failure]]);
    } finally {
      logged.mockRestore();
    }
  });

  it("logs a thrown value that is not an Error too, and the write still stands", async () => {
    signInAs(world.adminA);
    revalidatePath.mockImplementationOnce(() => {
      throw "not an Error";
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await noteInTenant(world.a.slug, null, { note: "odd" })).toEqual({ ok: true, data: null, message: "Noted odd." });
      expect(logged.mock.calls).toEqual([[`[refresh /t/${world.a.slug}]`, "not an Error"]]);
    } finally {
      logged.mockRestore();
    }
  });

  it("stays silent outside a request (scripts, tests), where Next.js has no pages to refresh", async () => {
    signInAs(world.adminA);
    revalidatePath.mockImplementationOnce(() => {
      throw new Error(`Invariant: static generation store missing in revalidatePath /t/${world.a.slug}`);
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await noteInTenant(world.a.slug, null, { note: "script" })).toEqual({ ok: true, data: null, message: "Noted script." });
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});

describe("a form whose success leaves the page (create a tenant)", () => {
  it("lands in the new tenant once it is created", async () => {
    signInAs(await createUser("creator", { canCreateTenants: true, tenantLimit: 1 }));
    const slug = `landed-${uniqueSuffix()}`;
    await expect(submitCreateTenant(null, { name: "Landed", slug })).rejects.toThrow(new Error(`NEXT_REDIRECT /t/${slug}`));
  });

  it("stays on the form with the reason when the tenant is refused", async () => {
    signInAs(await createUser("no-creator"));
    expect(await submitCreateTenant(null, { name: "Refused", slug: `refused-${uniqueSuffix()}` })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      message: "Your account is not allowed to create tenants. A platform superadmin can allow it.",
    });
  });
});

describe("lockTenant", () => {
  it("hands the locked row to the action", async () => {
    signInAs(world.adminA);
    expect(await lockedRead(world.a.slug, null, {})).toMatchObject({ ok: true, data: { lockedName: world.a.name } });
  });

  it("authorizes under the lock: a demotion that commits while the action waits for it refuses the action", async () => {
    const demoted = await createUser("demoted");
    await addMember(world.b.id, demoted.id, ["admin"]);
    signInAs(demoted);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // Another change holds the tenant's lock and demotes the caller before it commits.
    const otherChange = withTenant({ tenantId: world.b.id, userId: null }, async (tx) => {
      await tx.select().from(tenants).where(eq(tenants.id, world.b.id)).for("update");
      locked();
      await released;
      await tx.update(memberships).set({ roles: ["viewer"] }).where(and(eq(memberships.tenantId, world.b.id), eq(memberships.userId, demoted.id)));
    });
    await lockTaken;
    const action = lockedRead(world.b.slug, null, {});
    await sleep(300); // the action reads its actor (still an Admin) and waits for the lock
    release();
    await otherChange;
    expect(await action).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});

describe("lockTenant when the tenant is deleted meanwhile", () => {
  it("answers NOT_FOUND to a visiting superadmin whose change waited for the lock while an Admin deleted the tenant", async () => {
    // A superadmin's access does not depend on a membership that the deletion would take away: only
    // the missing row tells the change that its tenant is gone.
    const doomed = await createTenant("doomed");
    signInAs(await createUser("root", { isSuperadmin: true }));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const deletion = withTenant({ tenantId: doomed.id, userId: null }, async (tx) => {
      await tx.select().from(tenants).where(eq(tenants.id, doomed.id)).for("update");
      locked();
      await released;
      await tx.delete(tenants).where(eq(tenants.id, doomed.id));
    });
    await lockTaken;
    const action = lockedRead(doomed.slug, null, {});
    await sleep(300); // the action finds the tenant (it still exists) and waits for its lock
    release();
    await deletion;
    expect(await action).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});

describe("after a platform write", () => {
  it("refreshes the console's pages", async () => {
    signInAs(await createUser("root", { isSuperadmin: true }));
    // No message from the action: the answer carries none (not even an empty one).
    expect(await platformNote(null, {})).toStrictEqual({ ok: true, data: null });
    expect(revalidatePath.mock.calls).toEqual([["/admin", "layout"]]);
  });
});
