// An action that dies after writing its change (and, for user and platform actions, a tenant entry)
// leaves neither the change nor any entry: the change and its record share one transaction.
// (tests/actions/tenant-action.test.ts does the same for tenantAction.)
import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { withSystem, withTenant } from "@/db/scopes";
import { activity, platformActivity, tenants } from "@/db/schema";
import { recordPlatformActivity } from "@/db/queries/activity/platform-log";
import { createTenant, createUser, uniqueSuffix } from "../support/fixtures";
import { signInAs } from "../support/session";
import { platformLogWhere } from "../support/platform-log";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});

const { userAction } = await import("@/lib/actions/user-action");
const { platformAction } = await import("@/lib/actions/platform-action");

const Input = z.object({ tenantId: z.uuid(), name: z.string() });

const renameThenDie = userAction({
  name: "test.user-rename-then-die",
  input: Input,
  async run({ tx, input, recordInTenant }) {
    await tx.update(tenants).set({ name: input.name }).where(eq(tenants.id, input.tenantId));
    await recordInTenant(input.tenantId, { action: "test.renamed", summary: input.name });
    await recordPlatformActivity(tx, { action: "test.renamed", summary: input.name });
    throw new Error("process killed mid-transaction");
  },
});

const renameAsSuperadminThenDie = platformAction({
  name: "test.platform-rename-then-die",
  input: Input,
  async run({ tx, platform, input }) {
    await platform.enterTenant(input.tenantId, input.name);
    await tx.update(tenants).set({ name: input.name }).where(eq(tenants.id, input.tenantId));
    await recordPlatformActivity(tx, { action: "test.renamed", summary: input.name });
    throw new Error("process killed mid-transaction");
  },
});

let tenant: { id: string; name: string };

async function traces(name: string) {
  const [row] = await withSystem((tx) => tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenant.id)));
  const tenantEntries = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
    tx.select().from(activity).where(and(eq(activity.tenantId, tenant.id), eq(activity.summary, name))),
  );
  const platformEntries = await platformLogWhere(eq(platformActivity.summary, name));
  return { renamed: row?.name === name, entries: tenantEntries.length + platformEntries.length };
}

beforeAll(async () => {
  tenant = await createTenant("victim");
});

describe("a transaction killed mid-way", () => {
  it.each([
    ["userAction", () => createUser("user"), renameThenDie],
    ["platformAction", () => createUser("root", { isSuperadmin: true }), renameAsSuperadminThenDie],
  ] as const)("%s: neither the change nor any entry remains", async (_wrapper, makeCaller, action) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    signInAs(await makeCaller());
    const name = `renamed ${uniqueSuffix()}`;
    expect(await action(null, { tenantId: tenant.id, name })).toMatchObject({ ok: false, code: "INTERNAL" });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    expect(await traces(name)).toEqual({ renamed: false, entries: 0 });
  });
});
