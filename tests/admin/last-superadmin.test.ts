// The platform is never left without a superadmin: not from the console (even with two superadmins
// removing their own flags at the same moment) and not from the bootstrap command.
// Counting superadmins is platform-wide, so this file has a database of its own.
import "../support/own-database";
import { describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { withSystem } from "@/db/scopes";
import { platformActivity, users } from "@/db/schema";
import { createUser } from "../support/fixtures";
import { signInAs } from "../support/session";
import { platformLogWhere } from "../support/platform-log";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { setSuperadmin } = await import("@/app/admin/users/actions");
const { runAdminCommand } = await import("@/lib/admin-commands");

const superadmins = async () =>
  (await withSystem((tx) => tx.select({ email: users.email }).from(users).where(eq(users.isSuperadmin, true)))).map((u) => u.email).sort();
const demoteEveryone = () => withSystem((tx) => tx.update(users).set({ isSuperadmin: false }).where(eq(users.isSuperadmin, true)));
// Read as `reader`, a superadmin at the time: this file demotes everyone between tests.
const commandEntries = (reader: string) => platformLogWhere(eq(platformActivity.action, "user.superadmin_set"), { as: reader });

describe("in the console", () => {
  it("the last superadmin cannot remove their own flag", async () => {
    await demoteEveryone();
    const only = await createUser("only", { isSuperadmin: true });
    signInAs(only);
    expect(await setSuperadmin(null, { userId: only.id, isSuperadmin: false })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: expect.stringMatching(/last superadmin/),
    });
    expect(await superadmins()).toEqual([only.email]);
  });

  it("with two superadmins, one may step down; then the other is the last", async () => {
    await demoteEveryone();
    const [first, second] = [await createUser("first", { isSuperadmin: true }), await createUser("second", { isSuperadmin: true })];
    signInAs(first);
    expect(await setSuperadmin(null, { userId: first.id, isSuperadmin: false })).toMatchObject({ ok: true });
    signInAs(second);
    expect(await setSuperadmin(null, { userId: second.id, isSuperadmin: false })).toMatchObject({ code: "CONFLICT" });
    expect(await superadmins()).toEqual([second.email]);
  });

  it("two superadmins removing their own flags at the same moment: exactly one succeeds", async () => {
    await demoteEveryone();
    const [first, second] = [await createUser("race-1", { isSuperadmin: true }), await createUser("race-2", { isSuperadmin: true })];
    // The session is read synchronously when each call starts, so each call runs as its own caller.
    signInAs(first);
    const one = setSuperadmin(null, { userId: first.id, isSuperadmin: false });
    signInAs(second);
    const two = setSuperadmin(null, { userId: second.id, isSuperadmin: false });
    const results = await Promise.all([one, two]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.code === "CONFLICT")).toHaveLength(1);
    expect(await superadmins()).toHaveLength(1);
  });

  it("two superadmins removing each other at the same moment: one remains", async () => {
    await demoteEveryone();
    const [first, second] = [await createUser("cross-1", { isSuperadmin: true }), await createUser("cross-2", { isSuperadmin: true })];
    signInAs(first);
    const one = setSuperadmin(null, { userId: second.id, isSuperadmin: false });
    signInAs(second);
    const two = setSuperadmin(null, { userId: first.id, isSuperadmin: false });
    const results = await Promise.all([one, two]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await superadmins()).toHaveLength(1);
  });
});

describe("npm run admin", () => {
  it("grant-superadmin makes an existing account a superadmin and logs it", async () => {
    await demoteEveryone();
    const user = await createUser("granted");
    const result = await runAdminCommand(["grant-superadmin", `  ${user.email.toUpperCase()} `]);
    expect(result).toMatchObject({ exitCode: 0, message: expect.stringContaining(`${user.email} is now a superadmin`) });
    expect(await superadmins()).toEqual([user.email]);
    expect((await commandEntries(user.id)).some((e) => e.details?.targetId === user.id && e.details?.via === "command line")).toBe(true);
    expect(await runAdminCommand(["grant-superadmin", user.email])).toMatchObject({ exitCode: 0, message: expect.stringMatching(/already/) });
  });

  it("an unknown email is refused with how to create it; --create creates the account on a fresh platform", async () => {
    await demoteEveryone();
    const email = `founder-${Date.now()}@example.test`;
    const refused = await runAdminCommand(["grant-superadmin", email]);
    expect(refused).toMatchObject({ exitCode: 1, message: expect.stringContaining(`No account uses ${email}`) });
    expect(refused.message).toContain("--create");
    expect(await superadmins()).toEqual([]);
    expect(await runAdminCommand(["grant-superadmin", email, "--create"])).toMatchObject({ exitCode: 0, message: expect.stringContaining("Created the account") });
    expect(await superadmins()).toEqual([email]);
  });

  it("revoke-superadmin refuses the last superadmin and revokes any other", async () => {
    await demoteEveryone();
    const [keeper, leaver] = [await createUser("keeper", { isSuperadmin: true }), await createUser("leaver", { isSuperadmin: true })];
    expect(await runAdminCommand(["revoke-superadmin", leaver.email])).toMatchObject({ exitCode: 0 });
    const last = await runAdminCommand(["revoke-superadmin", keeper.email]);
    expect(last).toMatchObject({ exitCode: 1, message: expect.stringContaining("last superadmin") });
    expect(await superadmins()).toEqual([keeper.email]);
    expect(await runAdminCommand(["revoke-superadmin", "nobody@example.test"])).toMatchObject({ exitCode: 1, message: expect.stringContaining("No account uses") });
  });

  it("explains its usage for missing or wrong arguments", async () => {
    for (const args of [[], ["promote", "a@b.test"], ["grant-superadmin"], ["grant-superadmin", "not-an-email"], ["revoke-superadmin", "a@b.test", "--create"]]) {
      const result = await runAdminCommand(args);
      expect(result.exitCode, args.join(" ")).toBe(1);
      expect(result.message, args.join(" ")).toContain("Usage:");
    }
  });
});
