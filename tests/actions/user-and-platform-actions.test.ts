// The user-scope and platform-scope wrappers, attacked: refusals are typed and change nothing; a
// success writes its change and its platform log entry in one transaction.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, platformActivity, tenants } from "@/db/schema";
import { createTenant, createUser, uniqueSuffix } from "../support/fixtures";
import { signInAs } from "../support/session";
import { platformLogWhere } from "../support/platform-log";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});

const { userAction } = await import("@/lib/actions/user-action");
const { platformAction } = await import("@/lib/actions/platform-action");
const { ActionError, registeredActions } = await import("@/lib/actions/core");

// Test-only actions that write a global row, so "changed nothing" can be checked.
const renameAnyTenant = platformAction({
  name: "test.platform-rename",
  input: z.object({ tenantId: z.uuid(), name: z.string().min(1, "Name is required") }),
  async run({ tx, platform, input }) {
    await platform.enterTenant(input.tenantId, `Renamed to ${input.name}`);
    await tx.update(tenants).set({ name: input.name }).where(eq(tenants.id, input.tenantId));
    if (input.name === "refuse") throw new ActionError("CONFLICT", "Refused on purpose");
    return { data: null, activity: { action: "test.renamed", summary: `renamed to ${input.name}`, subjectTenantId: input.tenantId } };
  },
});

const noteInTenant = userAction({
  name: "test.user-note",
  input: z.object({ tenantId: z.uuid(), note: z.string().min(1) }),
  async run({ input, recordInTenant }) {
    await recordInTenant(input.tenantId, { action: "test.noted", summary: input.note });
    return { data: null, activity: { action: "test.noted", summary: input.note, subjectTenantId: input.tenantId } };
  },
});

// beforeTransaction: counts a call in its own committed transaction (like a code attempt), refusing past 2.
const counted: string[] = [];
const countedNote = userAction({
  name: "test.user-counted",
  input: z.object({ tenantId: z.uuid(), note: z.string().min(1) }),
  async beforeTransaction({ user, input }) {
    counted.push(`${user.id}:${input.note}`);
    await withSystem((tx) => tx.update(tenants).set({ flowCap: counted.length }).where(eq(tenants.id, input.tenantId)));
    if (counted.length > 2) throw new ActionError("RATE_LIMITED", "Counted out");
  },
  async run({ input, recordInTenant }) {
    if (input.note === "refuse") throw new ActionError("CONFLICT", "Refused on purpose");
    await recordInTenant(input.tenantId, { action: "test.noted", summary: input.note });
    return { data: null, activity: { action: "test.noted", summary: input.note, subjectTenantId: input.tenantId } };
  },
});

const nameOf = async (tenantId: string) =>
  (await withSystem((tx) => tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId))))[0]?.name;
const platformEntries = (action: string) =>
  platformLogWhere(eq(platformActivity.action, action));

let root: { id: string; email: string };
let member: { id: string; email: string };
let tenant: { id: string; name: string };

beforeAll(async () => {
  root = await createUser("root", { isSuperadmin: true });
  member = await createUser("member");
  tenant = await createTenant("subject");
});

describe("platformAction", () => {
  it("registers its actions with their scope", () => {
    expect(registeredActions.get("test.platform-rename")).toEqual({ scope: "platform" });
    expect(registeredActions.get("test.user-note")).toEqual({ scope: "user" });
  });

  it("runs for a superadmin: the change, the platform entry and the tenant's access entry", async () => {
    signInAs(root);
    const name = `Renamed ${uniqueSuffix()}`;
    expect(await renameAnyTenant(null, { tenantId: tenant.id, name })).toEqual({ ok: true, data: null });
    expect(await nameOf(tenant.id)).toBe(name);
    expect((await platformEntries("test.renamed")).find((e) => e.summary === `renamed to ${name}`)).toMatchObject({
      actorUserId: root.id,
      subjectTenantId: tenant.id,
    });
    const access = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.select().from(activity).where(eq(activity.action, "superadmin.accessed")),
    );
    expect(access.map((e) => e.summary)).toContain(`Renamed to ${name}`);
  });

  it("answers NOT_FOUND to a non-superadmin and UNAUTHENTICATED when signed out, changing nothing", async () => {
    const before = await nameOf(tenant.id);
    signInAs(member);
    expect(await renameAnyTenant(null, { tenantId: tenant.id, name: "Hijacked" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signInAs(null);
    expect(await renameAnyTenant(null, { tenantId: tenant.id, name: "Hijacked" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await nameOf(tenant.id)).toBe(before);
  });

  it("rolls back the change and every entry when it refuses after writing", async () => {
    signInAs(root);
    const before = await nameOf(tenant.id);
    expect(await renameAnyTenant(null, { tenantId: tenant.id, name: "refuse" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await nameOf(tenant.id)).toBe(before);
    expect((await platformEntries("test.renamed")).filter((e) => e.summary === "renamed to refuse")).toEqual([]);
  });

  it("answers VALIDATION with field messages", async () => {
    signInAs(root);
    expect(await renameAnyTenant(null, { tenantId: tenant.id, name: "" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { name: ["Name is required"] },
    });
  });
});

describe("userAction", () => {
  it("writes the tenant entry and the platform entry for the signed-in user", async () => {
    signInAs(member);
    const note = `note ${uniqueSuffix()}`;
    expect(await noteInTenant(null, { tenantId: tenant.id, note })).toEqual({ ok: true, data: null });
    const inTenant = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.select().from(activity).where(eq(activity.summary, note)),
    );
    expect(inTenant).toMatchObject([{ actorUserId: member.id, action: "test.noted" }]);
    expect((await platformEntries("test.noted")).filter((e) => e.summary === note)).toHaveLength(1);
  });

  it("commits beforeTransaction's work although the action refuses, and lets it refuse before the action runs", async () => {
    signInAs(member);
    const flowCap = async () => (await withSystem((tx) => tx.select({ cap: tenants.flowCap }).from(tenants).where(eq(tenants.id, tenant.id))))[0]!.cap;
    expect(await countedNote(null, { tenantId: tenant.id, note: "refuse" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(counted).toEqual([`${member.id}:refuse`]);
    expect(await flowCap()).toBe(1);
    expect(await countedNote(null, { tenantId: tenant.id, note: "second" })).toMatchObject({ ok: true });
    const third = `third ${uniqueSuffix()}`;
    expect(await countedNote(null, { tenantId: tenant.id, note: third })).toMatchObject({ ok: false, code: "RATE_LIMITED", message: "Counted out" });
    expect(await flowCap()).toBe(3);
    expect((await platformEntries("test.noted")).filter((e) => e.summary === third)).toEqual([]);
    // Not for an input that fails to parse, nor for a signed-out caller.
    expect(await countedNote(null, { tenantId: tenant.id, note: "" })).toMatchObject({ ok: false, code: "VALIDATION" });
    signInAs(null);
    expect(await countedNote(null, { tenantId: tenant.id, note: "anonymous" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(counted).toHaveLength(3);
  });

  it("answers UNAUTHENTICATED when signed out", async () => {
    signInAs(null);
    expect(await noteInTenant(null, { tenantId: tenant.id, note: "anonymous" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await platformEntries("test.noted").then((rows) => rows.filter((e) => e.summary === "anonymous"))).toEqual([]);
  });
});
