// The second step of sign-in, for users with two-factor on: after the magic link or the password, the
// session exists but is not usable (lib/actor.ts) until a code is entered at /login/two-factor.
export const SECOND_FACTOR_PAGE = "/login/two-factor";

/** The code page, returning to `returnTo` afterwards. */
export function secondFactorPath(returnTo: string): string {
  return `${SECOND_FACTOR_PAGE}?${new URLSearchParams({ callbackUrl: returnTo })}`;
}
