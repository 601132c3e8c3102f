import type { Metadata } from "next";
import { AuthCard } from "@/components/ui/auth-card";
import { MagicLinkForm } from "../magic-link-form";

export const metadata: Metadata = { title: "Sign-in problem" };

const MESSAGES: Record<string, { title: string; body: string }> = {
  Verification: {
    title: "This sign-in link cannot be used",
    body: "It has expired or has already been used. Links work once, for 10 minutes. Enter your email to get a new one.",
  },
  AccessDenied: {
    title: "Sign-in was refused",
    body: "This address cannot sign in. If you think it should, ask an admin of your tenant to add you.",
  },
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const message = MESSAGES[error ?? ""] ?? {
    title: "Sign-in did not work",
    body: "Something went wrong while signing you in. Please request a new link.",
  };
  return (
    <AuthCard title={message.title}>
      <p className="mb-6 text-slate-700">{message.body}</p>
      <MagicLinkForm callbackUrl="/" buttonLabel="Email me a sign-in link" />
    </AuthCard>
  );
}
