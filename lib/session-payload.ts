// What a database session row tells pages about the session (Auth.js's session callback, lib/auth.ts):
// a module of its own, without next-auth, so tests shape a real session row exactly as the app does.
import { authMethodOf, type AuthMethod } from "@/db/schema";
import { isSsoSession } from "./sso/sso-policy";

const NO_TENANT = "no-tenant";

export interface SessionPayload {
  user: { id: string; email: string | null | undefined; name: string | null };
  expires: string;
  authMethod: AuthMethod;
  twoFactor: "off" | "pending" | "passed";
  /** The tenant whose identity provider opened the session (lib/sso/session-binding.ts), else null. */
  ssoTenantId: string | null;
}

/** The session row's second-factor state (fail closed: an enrolled user without a passed time is pending). */
function secondFactorOf(row: { twoFactorEnabled?: unknown; secondFactorAt?: unknown }): "off" | "pending" | "passed" {
  if (row.twoFactorEnabled === false) return "off";
  return row.secondFactorAt ? "passed" : "pending";
}

/**
 * Only what pages need: the payload is also what /api/auth/session answers to the browser, which must
 * never see the session token.
 */
export function sessionPayload(
  row: { expires: Date | string; authMethod?: unknown; twoFactorEnabled?: unknown; secondFactorAt?: unknown; ssoTenantId?: unknown },
  user: { id: string; email?: string | null; name?: string | null },
): SessionPayload {
  const authMethod = authMethodOf(row.authMethod);
  // A single sign-on session without its tenant (none can exist: the table's check) is bound to a
  // tenant no one has, so it opens none rather than all.
  const unbound = isSsoSession(authMethod) ? NO_TENANT : null;
  return {
    user: { id: user.id, email: user.email, name: user.name ?? null },
    expires: new Date(row.expires).toISOString(),
    authMethod,
    twoFactor: secondFactorOf(row),
    ssoTenantId: typeof row.ssoTenantId === "string" ? row.ssoTenantId : unbound,
  };
}
