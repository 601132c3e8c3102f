import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/ui/auth-card";
import { Button } from "@/components/ui/button";
import { safeReturnPath } from "@/lib/safe-redirect";

export const metadata: Metadata = { title: "Confirm sign-in" };

// The magic link lands here. Opening it spends nothing: mail scanners and link previews only GET.
// The button POSTs, and only then is the one-time token used.
export default async function VerifyPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string; email?: string; callbackUrl?: string }>;
}) {
  const { token, email, callbackUrl } = await searchParams;
  if (!token || !email) {
    return (
      <AuthCard title="This sign-in link is incomplete">
        <p className="text-slate-700">Copy the whole link from the email, or request a new one.</p>
        <Link href="/login" className="mt-6 inline-block text-blue-700 underline">
          Request a new link
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Confirm sign-in">
      <p className="text-slate-700">
        Sign in to Tenantry as <strong>{email}</strong>?
      </p>
      <form method="post" action="/login/verify/confirm" className="mt-6">
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="callbackUrl" value={safeReturnPath(callbackUrl)} />
        <Button type="submit" className="w-full">
          Continue
        </Button>
      </form>
    </AuthCard>
  );
}
