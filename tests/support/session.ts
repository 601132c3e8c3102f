// Stands in for Auth.js's `auth()` in integration tests: the signed-in user is whoever the test says.
// Everything behind it (actor lookup, permissions, scoped transaction, audit) runs for real.
import { AsyncLocalStorage } from "node:async_hooks";
import type { AuthMethod } from "@/db/schema";

/**
 * A test's user; `ssoTenantId`: a session of theirs that a tenant's single sign-on opened (SAML), bound
 * to that tenant (lib/sso/session-binding.ts), for callers of `actingAs` (mockedSession answers it).
 */
type TestUser = { id: string; email: string; ssoTenantId?: string };

type SecondFactor = "off" | "pending" | "passed";

export const currentSession: { user: TestUser | null; authMethod: AuthMethod; twoFactor: SecondFactor; ssoTenantId: string | null } = {
  user: null,
  authMethod: "magic_link",
  twoFactor: "off",
  ssoTenantId: null,
};

/**
 * Signs in as `user` (null: signed out); `authMethod` is how the session was opened (default magic
 * link), `twoFactor` its second factor (default: the user has none), `ssoTenantId` the tenant whose
 * single sign-on opened it (lib/sso/session-binding.ts).
 */
export function signInAs(user: TestUser | null, authMethod: AuthMethod = "magic_link", twoFactor: SecondFactor = "off", ssoTenantId: string | null = null) {
  currentSession.user = user;
  currentSession.authMethod = authMethod;
  currentSession.twoFactor = twoFactor;
  currentSession.ssoTenantId = ssoTenantId;
}

// For parallel calls by different users (concurrency tests): the user is carried by the async
// context, so each call sees its own caller whatever runs alongside it.
const scopedSession = new AsyncLocalStorage<TestUser | null>();

export function actingAs<T>(user: TestUser | null, work: () => Promise<T>): Promise<T> {
  return scopedSession.run(user, work);
}

/** Who `auth()` answers for right now: the async context's user if set, else the signed-in one. */
export function sessionUser(): TestUser | null {
  const scoped = scopedSession.getStore();
  return scoped === undefined ? currentSession.user : scoped;
}

/** The session `auth()` answers, shaped like lib/auth.ts's session callback. */
export function mockedSession() {
  const user = sessionUser();
  const { authMethod, twoFactor, ssoTenantId } = currentSession;
  if (user?.ssoTenantId) return { user, authMethod: "saml" as const, twoFactor, ssoTenantId: user.ssoTenantId };
  return user ? { user, authMethod, twoFactor, ssoTenantId } : null;
}
