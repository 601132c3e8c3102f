// Password sign-in. Auth.js's Credentials provider cannot open database sessions, so this opens one
// the way Auth.js does: a random token in a `sessions` row (auth_method 'password'), which the caller
// puts in Auth.js's session cookie (lib/session-cookie.ts). From then on Auth.js reads, refreshes and
// signs out the session like its own, and the adapter's sign-out entry is written as usual.
import "server-only";
import { randomBytes } from "node:crypto";
import { recordAuthEvent } from "@/db/auth-events";
import { withSystem } from "@/db/scopes";
import { deleteSession, insertSession } from "@/db/queries/sessions";
import { findPasswordCredentials } from "@/db/queries/users";
import { normalizeEmail } from "./email-address";
import { verifyPassword } from "./passwords";
import { SESSION_MAX_AGE_SECONDS } from "./session-cookie";
import { allowPasswordAttempt } from "./sign-in-limits";

export type PasswordSignInResult =
  | { ok: true; sessionToken: string; expires: Date; userId: string }
  | { ok: false; reason: "rate_limited" | "invalid_credentials" };

/**
 * Checks the password and opens a session. Unknown addresses, accounts without a password and wrong
 * passwords all answer `invalid_credentials` after the same work (one rate-limit count, one argon2
 * verification), so neither the answer nor its timing says whether the account exists.
 * `replacesSessionToken`: the browser's current session (e.g. opened by magic link), deleted so the
 * new cookie does not leave it behind.
 */
export async function signInWithPassword(attempt: {
  email: string;
  password: string;
  ip: string | null;
  replacesSessionToken?: string | null;
}): Promise<PasswordSignInResult> {
  const { password, ip, replacesSessionToken } = attempt;
  const email = normalizeEmail(attempt.email);
  // Its own transaction: attempts count even when they fail.
  if (!(await withSystem((tx) => allowPasswordAttempt(tx, email, ip)))) return { ok: false, reason: "rate_limited" };

  const account = await withSystem((tx) => findPasswordCredentials(tx, email));
  const matches = await verifyPassword(account?.passwordHash ?? null, password);
  if (!account || !matches) return { ok: false, reason: "invalid_credentials" };

  const sessionToken = randomBytes(32).toString("base64url");
  const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  await withSystem(async (tx) => {
    if (replacesSessionToken) await deleteSession(tx, replacesSessionToken);
    await insertSession(tx, { sessionToken, userId: account.id, expires, authMethod: "password" });
    await recordAuthEvent(tx, { userId: account.id, kind: "signed_in", ip, method: "password" });
  });
  return { ok: true, sessionToken, expires, userId: account.id };
}
