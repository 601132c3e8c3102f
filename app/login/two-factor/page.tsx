import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/ui/auth-card";
import { SignOutButton } from "@/components/nav/sign-out-button";
import { getTenantSessionUser, getUserAwaitingSecondFactor } from "@/lib/actor";
import { safeReturnPath } from "@/lib/safe-redirect";
import { SecondFactorForm } from "./code-form";

export const metadata: Metadata = { title: "Two-factor authentication" };

// The second step of sign-in (lib/two-factor/sign-in-step.ts): only a session waiting for its second
// factor sees the form; a usable session goes on, a signed-out visitor goes to sign in.
export default async function SecondFactorPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const returnTo = safeReturnPath((await searchParams).callbackUrl);
  if (await getTenantSessionUser()) redirect(returnTo);
  const waiting = await getUserAwaitingSecondFactor();
  if (!waiting) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return (
    <AuthCard title="Two-factor authentication">
      <p className="mb-4 text-sm text-slate-600">
        Signing in as {waiting.email}. Enter the code your authenticator app shows for Tenantry.
      </p>
      <SecondFactorForm callbackUrl={returnTo} />
      <div className="mt-6">
        <SignOutButton />
      </div>
    </AuthCard>
  );
}
