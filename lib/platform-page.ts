// Superadmin pages (/admin): every read runs in withPlatform, which checks the superadmin flag in the
// database inside the same transaction. Anyone else (signed out included) gets the ordinary 404, so
// the console's existence is not revealed.
import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { NotSuperadminError, withPlatform, type PlatformAccess, type PlatformTx } from "@/db/scopes";
import { getSessionUser, type SessionUser } from "./actor";
import { enrolmentPath } from "./two-factor/requirement";
import { assertSuperadminTwoFactor, SuperadminTwoFactorMissingError } from "./two-factor/superadmin-requirement";

/** `platform` enters a tenant (recording the access in its log) for pages that read tenant data. */
export async function withPlatformPage<T>(work: (tx: PlatformTx, superadmin: SessionUser, platform: PlatformAccess) => Promise<T>): Promise<T> {
  const user = await getSessionUser();
  if (!user) notFound();
  try {
    return await withPlatform({ superadminId: user.id }, async (tx, platform) => {
      await assertSuperadminTwoFactor(tx, user);
      return work(tx, user, platform);
    });
  } catch (error) {
    if (error instanceof NotSuperadminError) notFound();
    // Only a superadmin gets here (the flag is checked first): the console waits for enrolment.
    if (error instanceof SuperadminTwoFactorMissingError) redirect(enrolmentPath("admin"));
    throw error;
  }
}

/** The signed-in superadmin, or a 404 (once per request: the layout and the page both ask). */
export const requireSuperadmin = cache(() => withPlatformPage(async (_tx, superadmin) => superadmin));
