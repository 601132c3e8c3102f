import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/ui/auth-card";
import { getSessionUser, getTenantSessionUser, getUserAwaitingSecondFactor } from "@/lib/actor";
import { SSO_BOUND_ELSEWHERE_MESSAGE } from "@/lib/sso/session-binding";
import { secondFactorPath } from "@/lib/two-factor/sign-in-step";
import { PASSWORD_REQUIRED_REASON } from "@/lib/login-policy";
import { companyPolicy, companyValue } from "@/lib/company-sign-in";
import { safeReturnPath } from "@/lib/safe-redirect";
import { MagicLinkForm } from "./magic-link-form";
import { PasswordForm } from "./password-form";
import { SingleSignOnLink } from "./single-sign-on-link";

export type LoginSearchParams = {
  callbackUrl?: string;
  method?: string;
  reason?: string;
  notice?: string;
  email?: string;
  company?: string;
  /** Why single sign-on sent the browser back here ("refused", "unavailable"). */
  sso?: string;
};

/** Each way of signing in is its own view (its own Email field), linked to the other; the company stays. */
function otherMethodLink(method: "password" | "magic-link", callbackUrl: string, company: string | null) {
  const query = new URLSearchParams({ callbackUrl, ...(method === "password" ? { method: "password" } : {}) });
  return company ? `/login/${encodeURIComponent(company)}?${query}` : `/login?${query}`;
}

function SsoBoundNotice() {
  return (
    <p role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {SSO_BOUND_ELSEWHERE_MESSAGE}
    </p>
  );
}

/**
 * The sign-in page, at /login (Company from ?company=, else empty) and /login/<slug> (Company filled).
 * With a company, its policy decides up front which ways are offered: password-only shows only the
 * password form. Real and unknown companies are told apart by nothing here (lib/company-sign-in.ts).
 */
export async function LoginView({ params, company: rawCompany }: { params: LoginSearchParams; company?: string }) {
  const { callbackUrl, method, reason, notice, email, sso } = params;
  const company = companyValue(rawCompany ?? params.company);
  const policy = company ? await companyPolicy(company) : { magicLink: true };
  const returnTo = safeReturnPath(callbackUrl);
  const usePassword = method === "password" || !policy.magicLink;
  const user = await getSessionUser();
  // Signed in already: go on, unless this is the password sign-in and the session is not a password
  // one (a tenant that requires passwords sent them here).
  if (user && !(usePassword && user.authMethod !== "password")) redirect(returnTo);
  // Past the first factor, waiting for the second: the code is what is missing, not another sign-in
  // (the code page can sign out, for someone without their device).
  if (!user && method !== "password" && (await getUserAwaitingSecondFactor())) redirect(secondFactorPath(returnTo));
  // A session a tenant's single sign-on opened counts as signed out everywhere but that tenant: say so.
  const boundNotice = !user && (await getTenantSessionUser()) ? <SsoBoundNotice /> : null;

  if (usePassword) {
    return (
      <AuthCard title="Sign in with your password">
        {boundNotice}
        {reason === PASSWORD_REQUIRED_REASON && (
          <p role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            This tenant requires password sign-in: you signed in with an email link, which it does not accept. Sign in with
            your password to continue.
          </p>
        )}
        {notice === "password-set" && (
          <p role="status" className="mb-4 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
            Your password is set. Sign in with it.
          </p>
        )}
        <PasswordForm callbackUrl={returnTo} company={company ?? ""} />
        <p className="mt-6 text-sm text-slate-600">
          No password yet, or forgot it? Sign in with an email link, then choose Set password on your{" "}
          {user ? (
            <Link href="/profile" className="text-blue-700 underline">
              profile
            </Link>
          ) : (
            "profile"
          )}
          .
        </p>
        {!user && policy.magicLink && (
          <Link href={otherMethodLink("magic-link", returnTo, company)} className="mt-4 inline-block text-sm text-blue-700 underline">
            Use an email link instead
          </Link>
        )}
        <SingleSignOnLink company={company} returnTo={returnTo} notice={sso} />
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Sign in to Tenantry">
      {boundNotice}
      <p className="mb-4 text-sm text-slate-600">We will email you a link that signs you in. It works once, for 10 minutes.</p>
      <MagicLinkForm
        callbackUrl={returnTo}
        company={company ?? ""}
        initialEmail={typeof email === "string" ? email.slice(0, 320) : ""}
      />
      <Link href={otherMethodLink("password", returnTo, company)} className="mt-6 inline-block text-sm text-blue-700 underline">
        Sign in with a password instead
      </Link>
      <SingleSignOnLink company={company} returnTo={returnTo} notice={sso} />
    </AuthCard>
  );
}
