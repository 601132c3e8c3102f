// The Auth.js adapter, run through the scope helpers: each adapter call is one system-scope
// transaction (global tables only), and creating or deleting a session writes the sign-in or
// sign-out entry into the user's tenant log in that same transaction. Auth.js creates sessions only
// for magic links; password sessions are opened by lib/password-sign-in.ts.
import type { Adapter } from "next-auth/adapters";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { accounts, sessions, users, verificationTokens } from "./schema";
import { withSystem } from "./scopes";
import { recordAuthEvent } from "./auth-events";
import { deleteSession, findSessionAndUser, insertSession } from "./queries/sessions";

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

export function createAuthAdapter(options: { clientIp: () => Promise<string | null> }): Adapter {
  return {
    createUser: inSystemScope("createUser"),
    getUser: inSystemScope("getUser"),
    getUserByEmail: inSystemScope("getUserByEmail"),
    getUserByAccount: inSystemScope("getUserByAccount"),
    updateUser: inSystemScope("updateUser"),
    linkAccount: inSystemScope("linkAccount"),
    // Ours, not the Drizzle adapter's: it also says whether the user has two-factor on (lib/auth.ts).
    getSessionAndUser: (sessionToken) => withSystem((tx) => findSessionAndUser(tx, sessionToken)),
    updateSession: inSystemScope("updateSession"),
    createVerificationToken: inSystemScope("createVerificationToken"),
    useVerificationToken: inSystemScope("useVerificationToken"),
    async createSession(session) {
      const ip = await options.clientIp();
      return withSystem(async (tx) => {
        const created = await insertSession(tx, session);
        await recordAuthEvent(tx, { userId: session.userId, kind: "signed_in", ip, method: "magic_link" });
        return created;
      });
    },
    async deleteSession(sessionToken) {
      const ip = await options.clientIp();
      await withSystem(async (tx) => {
        const deleted = await deleteSession(tx, sessionToken);
        if (deleted) await recordAuthEvent(tx, { userId: deleted.userId, kind: "signed_out", ip });
      });
    },
  };
}
