import type { Metadata } from "next";
import Link from "next/link";
import { withSystem } from "@/db/scopes";
import { findUsablePasswordToken } from "@/db/queries/password-tokens";
import { AuthCard } from "@/components/ui/auth-card";
import { hashPasswordToken } from "@/lib/password-links";
import { PASSWORD_MIN_LENGTH } from "@/lib/passwords";
import { SetPasswordForm } from "./set-password-form";

// The token is in the URL: no Referer may carry it elsewhere.
export const metadata: Metadata = { title: "Set password", referrer: "no-referrer" };

// The link from the mail lands here. Opening it spends nothing (mail scanners only GET); the form's
// POST does.
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const account = typeof token === "string" && token ? await withSystem((tx) => findUsablePasswordToken(tx, hashPasswordToken(token))) : null;
  if (typeof token !== "string" || !token || !account) {
    return (
      <AuthCard title="This link cannot be used">
        <p className="text-slate-700">
          It has expired or has already been used. Sign in and choose Set password on your profile to get a new one.
        </p>
        <Link href="/profile" className="mt-6 inline-block text-blue-700 underline">
          Go to your profile
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Set your password">
      <p className="mb-4 text-sm text-slate-600">
        For <strong>{account.email}</strong>. Use at least {PASSWORD_MIN_LENGTH} characters; a few unrelated words make a
        strong password that is easy to remember.
      </p>
      <SetPasswordForm token={token} email={account.email} />
    </AuthCard>
  );
}
