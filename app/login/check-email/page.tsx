import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/ui/auth-card";

export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  const mailCatcher = process.env.MAIL_CATCHER_URL;
  return (
    <AuthCard title="Check your email">
      <p className="text-slate-700">
        If that address has a Tenantry account, a sign-in link is on its way. The link works once and expires in 10
        minutes.
      </p>
      {mailCatcher && (
        <p className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Demo: mail goes to the local mail catcher at{" "}
          <a href={mailCatcher} className="underline">
            {mailCatcher}
          </a>
          .
        </p>
      )}
      <Link href="/login" className="mt-6 inline-block text-sm text-blue-700 underline">
        Use a different address
      </Link>
    </AuthCard>
  );
}
