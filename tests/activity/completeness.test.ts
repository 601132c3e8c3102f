// Every server action leaves an activity entry. The test imports every actions module in app/ (found
// on disk, so a new module is covered without editing this file), then runs a scenario for each
// action the wrappers registered, and fails if the action wrote nothing to the tenant or platform
// log, or if an action has no scenario yet.
//
// Adding a scenario: one entry in `scenarios` below: set up what the action needs (fixtures), sign in
// the right caller, call the action with valid input, and return the caller and the result.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { withPlatform } from "@/db/scopes";
import { activity, platformActivity } from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import { addMember, createTenant, createUser } from "../support/fixtures";
import { signInAs } from "../support/session";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});

const APP = path.resolve(import.meta.dirname, "../../app");

/** app/**\/actions.ts and app/**\/actions/*.ts */
function actionModules(): string[] {
  return (fs.readdirSync(APP, { recursive: true }) as string[])
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => /(^|\/)actions\.ts$/.test(file) || /(^|\/)actions\/[^/]+\.ts$/.test(file))
    .sort();
}

type Caller = { id: string; email: string };
type Scenario = () => Promise<{ caller: Caller; result: ActionResult<unknown> }>;

// A fresh caller per scenario: the entries it leaves are found by actor, whatever else runs meanwhile.
async function memberOfNewTenant(roles: ("viewer" | "editor" | "admin")[]) {
  const tenant = await createTenant("complete");
  const caller = await createUser("caller");
  await addMember(tenant.id, caller.id, roles);
  signInAs(caller);
  return { tenant, caller };
}

const scenarios: Record<string, Scenario> = {
  "tenant.switch": async () => {
    const { switchTenant } = await import("@/app/t/[slug]/actions");
    const { tenant, caller } = await memberOfNewTenant(["viewer"]);
    return { caller, result: await switchTenant(tenant.slug, null, {}) };
  },
};

let registered: string[] = [];
let superadmin: Caller;

beforeAll(async () => {
  for (const file of actionModules()) await import(/* @vite-ignore */ path.join(APP, file));
  const { registeredActions } = await import("@/lib/actions/core");
  registered = [...registeredActions.keys()].sort();
  superadmin = await createUser("auditor", { isSuperadmin: true });
});

/** Entries by this actor in any tenant's log (superadmin_read policy) and in the platform log. */
async function entriesBy(actorUserId: string) {
  return withPlatform({ superadminId: superadmin.id }, async (tx) => [
    ...(await tx.select({ action: activity.action }).from(activity).where(eq(activity.actorUserId, actorUserId))),
    ...(await tx.select({ action: platformActivity.action }).from(platformActivity).where(eq(platformActivity.actorUserId, actorUserId))),
  ]);
}

describe("activity completeness", () => {
  it("finds the actions modules and the actions they register", () => {
    expect(actionModules()).toContain("t/[slug]/actions.ts");
    expect(registered).toContain("tenant.switch");
  });

  it("has a scenario for every registered action", () => {
    expect(registered.filter((name) => !scenarios[name])).toEqual([]);
  });

  it("every registered action, run with valid input, leaves an activity entry", async () => {
    const silent: string[] = [];
    for (const name of registered) {
      const scenario = scenarios[name];
      if (!scenario) continue; // reported by the test above
      const { caller, result } = await scenario();
      expect(result, `${name} should succeed in its scenario`).toMatchObject({ ok: true });
      if ((await entriesBy(caller.id)).length === 0) silent.push(name);
    }
    expect(silent).toEqual([]);
  });
});
