"use server";

import { redirect } from "next/navigation";
import { withSystem } from "@/db/scopes";
import { findUserByEmail } from "@/db/queries/users";
import { signIn } from "@/lib/auth";
import { clientIp } from "@/lib/client-ip";
import { EmailAddressSchema } from "@/lib/email-address";
import { MAGIC_LINK_ANSWER_FLOOR_MS, withAnswerFloor } from "@/lib/answer-floor";
import { allowMagicLinkRequest } from "@/lib/sign-in-limits";
import { safeReturnPath } from "@/lib/safe-redirect";

export interface MagicLinkFormState {
  email: string;
  error?: string;
}

/**
 * Sends a sign-in link. The answer is the same whether or not the address has an account (the
 * check-email page), and so is its time, so the form cannot be used to discover who is a member: the
 * answer waits for nothing that depends on the account (the link is issued alongside, and its mail only
 * queued), and never comes before the answer floor.
 */
export async function requestMagicLink(previous: MagicLinkFormState, form: FormData): Promise<MagicLinkFormState> {
  return withAnswerFloor(MAGIC_LINK_ANSWER_FLOOR_MS, () => answerMagicLinkRequest(previous, form));
}

async function answerMagicLinkRequest(_previous: MagicLinkFormState, form: FormData): Promise<MagicLinkFormState> {
  const typed = String(form.get("email") ?? "");
  const parsed = EmailAddressSchema.safeParse(typed);
  if (!parsed.success) return { email: typed, error: parsed.error.issues[0]?.message };
  const email = parsed.data;
  const ip = await clientIp();

  const allowed = await withSystem((tx) => allowMagicLinkRequest(tx, email, ip));
  if (!allowed) {
    return { email: typed, error: "Too many sign-in links were requested. Please wait 15 minutes and try again." };
  }
  // Started, not awaited: with an account this costs a few more queries (the Auth.js token, the queued
  // mail), which under load took longer than the floor (known 774 ms vs unknown 443 ms median at 24
  // concurrent requests). The server is a long-running Node process, so the work finishes after the answer.
  void issueLinkIfAccountExists(email, safeReturnPath(form.get("callbackUrl")));
  redirect("/login/check-email");
}

async function issueLinkIfAccountExists(email: string, redirectTo: string): Promise<void> {
  try {
    const account = await withSystem((tx) => findUserByEmail(tx, email));
    if (account) await signIn("nodemailer", { email, redirectTo, redirect: false });
  } catch (error) {
    // Auth.js ends by setting its callback-url cookie, which Next refuses once the answer has been
    // sent; by then the token and the queued mail have committed, and the link carries its own return path.
    if (error instanceof Error && error.message.startsWith("Cookies can only be modified")) return;
    console.error("[magic-link] could not issue a sign-in link:", error);
  }
}
