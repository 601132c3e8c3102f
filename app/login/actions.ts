"use server";

import { redirect } from "next/navigation";
import { withSystem } from "@/db/scopes";
import { clientIp } from "@/lib/client-ip";
import { EmailAddressSchema } from "@/lib/email-address";
import { MAGIC_LINK_ANSWER_FLOOR_MS, withAnswerFloor } from "@/lib/answer-floor";
import { formText } from "@/lib/form-fields";
import { issueLinkInBackground } from "@/lib/magic-link-issue";
import { decideMagicLinkRequest } from "@/lib/sign-in-limits";
import { safeReturnPath } from "@/lib/safe-redirect";

export interface MagicLinkFormState {
  email: string;
  error?: string;
}

/**
 * Sends a sign-in link. The answer is the same whether or not the address has an account (the
 * check-email page), and so is its time, so the form cannot be used to discover who is a member: the
 * answer waits for nothing that depends on the account (the link is issued alongside, and its mail only
 * queued), and never comes before the answer floor. Past the per-address cap (lib/sign-in-limits.ts)
 * the answer is the same too, and no mail is sent.
 */
export async function requestMagicLink(previous: MagicLinkFormState, form: FormData): Promise<MagicLinkFormState> {
  return withAnswerFloor(MAGIC_LINK_ANSWER_FLOOR_MS, () => answerMagicLinkRequest(previous, form));
}

async function answerMagicLinkRequest(_previous: MagicLinkFormState, form: FormData): Promise<MagicLinkFormState> {
  const typed = formText(form, "email");
  const parsed = EmailAddressSchema.safeParse(typed);
  if (!parsed.success) return { email: typed, error: parsed.error.issues[0]?.message };
  const email = parsed.data;
  const ip = await clientIp();

  const decision = await withSystem((tx) => decideMagicLinkRequest(tx, email, ip));
  if (decision === "refuse") {
    return { email: typed, error: "Too many sign-in links were requested. Please wait 15 minutes and try again." };
  }
  if (decision === "send") issueLinkInBackground(email, safeReturnPath(formText(form, "callbackUrl")));
  redirect("/login/check-email");
}

