// Superadmin pages (/admin): every read runs in withPlatform, which checks the superadmin flag in the
// database inside the same transaction. Anyone else (signed out included) gets the ordinary 404, so
// the console's existence is not revealed.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { NotSuperadminError, withPlatform, type PlatformAccess, type PlatformTx } from "@/db/scopes";
import { getSessionUser, type SessionUser } from "./actor";
import { SUPERADMIN_VERDICT_HEADER } from "./admin-concealment";
import { enrolmentPath } from "./two-factor/requirement";
import { assertSuperadminTwoFactor, SuperadminTwoFactorMissingError } from "./two-factor/superadmin-requirement";

/** `platform` enters a tenant (recording the access in its log) for pages that read tenant data. */
export async function withPlatformPage<T>(work: (tx: PlatformTx, superadmin: SessionUser, platform: PlatformAccess) => Promise<T>): Promise<T> {
  const user = await getSessionUser();
  if (!user) notFound();
  try {
    return await withPlatform({ superadminId: user.id }, async (tx, platform) => {
      assertSuperadminTwoFactor(platform, user);
      return work(tx, user, platform);
    });
  } catch (error) {
    if (error instanceof NotSuperadminError) notFound();
    // Only a superadmin gets here (the flag is checked first): the console waits for enrolment.
    if (error instanceof SuperadminTwoFactorMissingError) redirect(enrolmentPath("admin"));
    throw error;
  }
}

/**
 * For the console's layout, which shows only its chrome (the nav and the caller's address): the
 * signed-in user (the session the page reads too, once per request) when proxy.ts found this request's
 * session a live superadmin's, else a 404. No transaction of its own: the flag was read by proxy.ts for
 * this very request, and the page reads it again in its own transaction with the two-factor
 * requirement (withPlatformPage), before anything of the console's data is read.
 */
export const requireSuperadmin = cache(async (): Promise<SessionUser> => {
  const user = await getSessionUser();
  if (!user || !(await proxyFoundSuperadmin())) notFound();
  return user;
});

/** proxy.ts's verdict on this request; none outside a request (scripts, tests), nor without proxy.ts. */
async function proxyFoundSuperadmin(): Promise<boolean> {
  try {
    return (await headers()).get(SUPERADMIN_VERDICT_HEADER) === "1";
  } catch {
    return false;
  }
}
