import { withUser } from "@/db/scopes";
import { countUnusedRecoveryCodes } from "@/db/queries/two-factor";
import type { SessionUser } from "@/lib/actor";
import { twoFactorState } from "@/lib/two-factor/enrolment";
import { confirmTwoFactorSetup, submitDisableTwoFactor, submitStartTwoFactorSetup } from "./two-factor/actions";
import { ConfirmTwoFactorForm, DisableTwoFactorForm, StartTwoFactorButton } from "./two-factor-forms";

/**
 * The profile's "Two-factor authentication" section. `required`: a tenant's slug (or "admin", the
 * console) that sent the user here to enrol first (lib/two-factor/requirement.ts), or null.
 */
export async function TwoFactorSection({ user, required }: { user: SessionUser; required: string | null }) {
  const { state, unusedCodes } = await withUser({ userId: user.id }, async (tx) => ({
    state: await twoFactorState(tx, user),
    unusedCodes: await countUnusedRecoveryCodes(tx, user.id),
  }));
  return (
    <section aria-labelledby="two-factor-heading" className="mt-8 space-y-4 border-t border-slate-200 pt-6">
      <h2 id="two-factor-heading" className="text-base font-semibold">
        Two-factor authentication
      </h2>
      {required !== null && state.status !== "on" && (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {required === "admin" ? "The console requires" : "This tenant requires"} two-factor authentication. Set it up to continue.
        </p>
      )}
      {state.status === "off" && (
        <>
          <p className="text-sm text-slate-600">Off. With it on, signing in also asks for a code from an authenticator app.</p>
          <StartTwoFactorButton start={submitStartTwoFactorSetup} />
        </>
      )}
      {state.status === "pending" && (
        <>
          <p className="text-sm text-slate-600">Scan the QR code with your authenticator app, or type the secret key into it. Then enter the code it shows.</p>
          {/* A data: URL rendered on the server: nothing is fetched, the secret leaves only in this page. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={state.enrolment.qrCodeDataUrl} alt="QR code for your authenticator app" width={192} height={192} />
          <p className="text-sm">
            <span className="text-slate-500">Secret key: </span>
            <code data-testid="two-factor-secret" className="break-all font-mono">
              {state.enrolment.secret}
            </code>
          </p>
          <ConfirmTwoFactorForm confirm={confirmTwoFactorSetup} />
        </>
      )}
      {state.status === "on" && (
        <>
          <p className="text-sm text-slate-600">
            On. Recovery codes left: <span data-testid="recovery-codes-left">{unusedCodes}</span>. To turn it off, enter a current code.
          </p>
          <DisableTwoFactorForm disable={submitDisableTwoFactor} />
        </>
      )}
    </section>
  );
}
