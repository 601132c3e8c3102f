// The Auth.js adapter, run through the scope helpers: each adapter call is one system-scope
// transaction (global tables only), and creating or deleting a session writes the sign-in or
// sign-out entry into the user's tenant log in that same transaction.
import type { Adapter } from "next-auth/adapters";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { accounts, sessions, users, verificationTokens } from "./schema";
import { enterTenant, enterUser, withSystem, type Tx } from "./scopes";
import { recordActivity } from "./queries/activity";
import { deleteSession, insertSession } from "./queries/sessions";
import { findLandingTenant } from "./queries/tenants";
import { getUserEmail } from "./queries/users";

const tables = {
  usersTable: users,
  accountsTable: accounts,
  sessionsTable: sessions,
  verificationTokensTable: verificationTokens,
};

type AdapterMethods = Required<Adapter>;

function inSystemScope<K extends keyof AdapterMethods>(method: K): AdapterMethods[K] {
  const call = (...args: unknown[]) =>
    withSystem((tx) => {
      const adapter = DrizzleAdapter(tx, tables) as AdapterMethods;
      return (adapter[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    });
  return call as AdapterMethods[K];
}

async function recordAuthEvent(tx: Tx, userId: string, event: "signed_in" | "signed_out", ip: string | null) {
  await enterUser(tx, { userId });
  const tenant = await findLandingTenant(tx, userId);
  if (!tenant) return; // no tenant yet: no tenant log to write into
  const email = await getUserEmail(tx, userId);
  await enterTenant(tx, { tenantId: tenant.id, userId });
  await recordActivity(tx, {
    tenantId: tenant.id,
    actorUserId: userId,
    actorEmail: email,
    action: `auth.${event}`,
    targetType: "user",
    targetId: userId,
    summary: `${email} ${event === "signed_in" ? "signed in" : "signed out"}`,
    ip,
  });
}

export function createAuthAdapter(options: { clientIp: () => Promise<string | null> }): Adapter {
  return {
    createUser: inSystemScope("createUser"),
    getUser: inSystemScope("getUser"),
    getUserByEmail: inSystemScope("getUserByEmail"),
    getUserByAccount: inSystemScope("getUserByAccount"),
    updateUser: inSystemScope("updateUser"),
    linkAccount: inSystemScope("linkAccount"),
    getSessionAndUser: inSystemScope("getSessionAndUser"),
    updateSession: inSystemScope("updateSession"),
    createVerificationToken: inSystemScope("createVerificationToken"),
    useVerificationToken: inSystemScope("useVerificationToken"),
    async createSession(session) {
      const ip = await options.clientIp();
      return withSystem(async (tx) => {
        const created = await insertSession(tx, session);
        await recordAuthEvent(tx, session.userId, "signed_in", ip);
        return created;
      });
    },
    async deleteSession(sessionToken) {
      const ip = await options.clientIp();
      await withSystem(async (tx) => {
        const deleted = await deleteSession(tx, sessionToken);
        if (deleted) await recordAuthEvent(tx, deleted.userId, "signed_out", ip);
      });
    },
  };
}
