// Shared by the two-factor tests: the session auth() answers (with its second-factor state, as
// lib/auth.ts's session callback shapes it), the browser's session cookie, and codes computed from a
// secret the way an authenticator app does.
import { Secret, TOTP } from "otpauth";
import { withSystem } from "@/db/scopes";
import { insertSession } from "@/db/queries/sessions";
import { twoFactorState } from "@/lib/two-factor/enrolment";
import { uniqueSuffix } from "../support/fixtures";

type User = { id: string; email: string };

export const browser: { user: User | null; twoFactor: "off" | "pending" | "passed"; sessionToken: string | null } = {
  user: null,
  twoFactor: "off",
  sessionToken: null,
};

export function mockedTwoFactorSession() {
  return browser.user ? { user: browser.user, authMethod: "magic_link", twoFactor: browser.twoFactor } : null;
}

/** Signs in as `user` with a real sessions row (its token in the browser's cookie). */
export async function signInWithSession(user: User, twoFactor: "off" | "pending" | "passed" = "off"): Promise<string> {
  const token = `tf-${uniqueSuffix()}${uniqueSuffix()}`;
  await withSystem((tx) => insertSession(tx, { sessionToken: token, userId: user.id, expires: new Date(Date.now() + 3_600_000) }));
  Object.assign(browser, { user, twoFactor, sessionToken: token });
  return token;
}

/** The code an authenticator app shows for this secret, `stepsAhead` time steps from now. */
export function codeFor(secret: string, stepsAhead = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

/** The secret of the user's pending enrolment, as the profile page shows it. */
export async function pendingSecret(user: User): Promise<string> {
  const state = await withSystem((tx) => twoFactorState(tx, user));
  if (state.status !== "pending") throw new Error(`expected a pending enrolment, got ${state.status}`);
  return state.enrolment.secret;
}
