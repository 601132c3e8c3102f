import type { Metadata } from "next";
import Link from "next/link";
import { withUser } from "@/db/scopes";
import { findLandingTenant } from "@/db/queries/tenants";
import { hasPassword } from "@/db/queries/users";
import { AuthCard } from "@/components/ui/auth-card";
import { SignOutButton } from "@/components/nav/sign-out-button";
import { requireSessionUser } from "@/lib/actor";
import { PASSWORD_LINK_MINUTES } from "@/lib/password-links";
import { TWO_FACTOR_REQUIRED_REASON } from "@/lib/two-factor/requirement";
import { requestPasswordLink } from "./actions";
import { SetPasswordButton } from "./set-password-button";
import { TwoFactorSection } from "./two-factor-section";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ reason?: string; for?: string }> }) {
  const user = await requireSessionUser("/profile");
  const { passwordSet, landing } = await withUser({ userId: user.id }, async (tx) => ({
    passwordSet: await hasPassword(tx, user.id),
    landing: await findLandingTenant(tx, user.id),
  }));
  const query = await searchParams;
  return (
    <AuthCard title="Profile">
      <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-3 text-sm">
        <dt className="text-slate-500">Email</dt>
        <dd>{user.email}</dd>
        <dt className="text-slate-500">Signed in with</dt>
        <dd data-testid="auth-method">{user.authMethod === "password" ? "Password" : user.authMethod === "saml" || user.authMethod === "oidc" ? "Single sign-on" : "Email link"}</dd>
        <dt className="text-slate-500">Password</dt>
        <dd data-testid="password-status">{passwordSet ? "Set" : "Not set"}</dd>
      </dl>
      <p className="mt-6 text-sm text-slate-600">
        {passwordSet
          ? "To change your password, we email you a link to set a new one."
          : "Tenants that do not accept email links need a password. We email you a link to set one."}
      </p>
      <div className="mt-4">
        <SetPasswordButton requestPasswordLink={requestPasswordLink} minutesValid={PASSWORD_LINK_MINUTES} />
      </div>
      <TwoFactorSection user={user} required={query.reason === TWO_FACTOR_REQUIRED_REASON ? String(query.for ?? "") : null} />
      <div className="mt-8 flex items-center justify-between gap-4">
        <Link href={landing ? `/t/${landing.slug}` : "/"} className="text-sm text-blue-700 underline">
          {landing ? `Back to ${landing.name}` : "Back"}
        </Link>
        <SignOutButton />
      </div>
    </AuthCard>
  );
}
