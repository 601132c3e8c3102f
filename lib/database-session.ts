// The request's Auth.js database session, read the way Auth.js's own session action reads it
// (@auth/core lib/actions/session.js, strategy "database"), but directly. Auth.js's auth() in a server
// component builds a Request, runs its whole HTTP handler and parses a JSON Response back: about
// 4.5 ms of every page view (issue 11). The rules are the same, through the same adapter calls:
// - the cookie is the one Auth.js reads for this request (__Secure- prefixed over https);
// - an expired session is deleted (the adapter writes the sign-out entry) and is no session;
// - a session last moved on more than `updateAge` ago gets a new expiry;
// - the payload is the session callback's (lib/session-payload.ts).
// Neither sets the cookie again: a server component cannot, and auth() drops it too. A failed read is
// logged and answers no session, as Auth.js does (lib/actor.ts tells a database outage apart).
// tests/auth/database-session.test.ts holds it to Auth.js's /api/auth/session answer for the same rows.
import "server-only";
import { cookies, headers } from "next/headers";
import { createAuthAdapter } from "@/db/auth-adapter";
import { findSessionAndUser, type SessionAndUser } from "@/db/queries/sessions";
import { withSystem } from "@/db/scopes";
import { clientIp } from "./client-ip";
import { sessionPayload, type SessionPayload } from "./session-payload";
import {
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
  SESSION_MAX_AGE_SECONDS,
  SESSION_TOKEN_PATTERN,
  SESSION_UPDATE_AGE_SECONDS,
  usesSecureCookies,
} from "./session-cookie";

const adapter = createAuthAdapter({ clientIp });

/**
 * The session token under the one name Auth.js reads for this request, or null. A forged cookie (NUL,
 * 100 kB) names no session: Auth.js would send it to PostgreSQL and log the refusal.
 */
export async function requestSessionToken(): Promise<string | null> {
  const name = usesSecureCookies(await headers()) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  const token = (await cookies()).get(name)?.value ?? null;
  return token !== null && SESSION_TOKEN_PATTERN.test(token) ? token : null;
}

const isExpired = (found: SessionAndUser, now: number) => found.session.expires.valueOf() < now;
// Auth.js's throttle: (expiry - maxAge) is when the expiry was last set.
const isDueForUpdate = (found: SessionAndUser, now: number) =>
  found.session.expires.valueOf() - SESSION_MAX_AGE_SECONDS * 1000 + SESSION_UPDATE_AGE_SECONDS * 1000 <= now;

/**
 * The payload of a found session that needs no write first (neither expired nor due for its new
 * expiry), else null: settleSession then answers for it.
 */
export function unchangedSessionPayload(found: SessionAndUser): SessionPayload | null {
  const now = Date.now();
  return isExpired(found, now) || isDueForUpdate(found, now) ? null : sessionPayload(found.session, found.user);
}

/** What a found session answers, after the writes Auth.js makes: an expired one is deleted, a due one moved on. */
export async function settleSession(token: string, found: SessionAndUser): Promise<SessionPayload | null> {
  const now = Date.now();
  if (isExpired(found, now)) {
    await adapter.deleteSession!(token);
    return null;
  }
  if (isDueForUpdate(found, now)) {
    await adapter.updateSession!({ sessionToken: token, expires: new Date(now + SESSION_MAX_AGE_SECONDS * 1000) });
  }
  return sessionPayload(found.session, found.user);
}

/** The signed-in session as Auth.js's auth() answers it, or null (signed out, expired, unknown token). */
export async function readDatabaseSession(): Promise<SessionPayload | null> {
  const token = await requestSessionToken();
  if (token === null) return null;
  try {
    const found = await withSystem((tx) => findSessionAndUser(tx, token));
    return found && (await settleSession(token, found));
  } catch (error) {
    console.error("Could not read the session:", error);
    return null;
  }
}
