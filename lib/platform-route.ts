// Route handlers under /admin (the usage CSV, the Tenant filter's choices): the same checks as the
// console's pages (lib/platform-page.ts), answered in HTTP. The superadmin flag and the platform's
// two-factor requirement are read in the transaction that reads the data; anyone but a superadmin gets
// the route's ordinary 404, so the console's existence is not revealed.
import "server-only";
import { NotSuperadminError, withPlatform, type PlatformTx } from "@/db/scopes";
import { getSessionUser, type SessionUser } from "./actor";
import { assertSuperadminTwoFactor, SUPERADMIN_TWO_FACTOR_MESSAGE, SuperadminTwoFactorMissingError } from "./two-factor/superadmin-requirement";

export async function answerAsSuperadmin(
  notFound: () => Response,
  work: (tx: PlatformTx, superadmin: SessionUser) => Promise<Response>,
): Promise<Response> {
  const user = await getSessionUser();
  if (!user) return notFound();
  try {
    return await withPlatform({ superadminId: user.id }, async (tx, platform) => {
      assertSuperadminTwoFactor(platform, user);
      return work(tx, user);
    });
  } catch (error) {
    if (error instanceof NotSuperadminError) return notFound();
    // Only a superadmin gets here (the flag is checked first): nothing is read until they enrol.
    if (error instanceof SuperadminTwoFactorMissingError) {
      return new Response(SUPERADMIN_TWO_FACTOR_MESSAGE, { status: 403, headers: { "Cache-Control": "private, no-store" } });
    }
    throw error;
  }
}
