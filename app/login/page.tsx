import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/ui/auth-card";
import { getSessionUser } from "@/lib/actor";
import { safeReturnPath } from "@/lib/safe-redirect";
import { MagicLinkForm } from "./magic-link-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if (await getSessionUser()) redirect(returnTo);
  return (
    <AuthCard title="Sign in to Tenantry">
      <p className="mb-4 text-sm text-slate-600">We will email you a link that signs you in. It works once, for 10 minutes.</p>
      <MagicLinkForm callbackUrl={returnTo} />
    </AuthCard>
  );
}
