"use server";

import { z } from "zod";
import { ActionError } from "@/lib/actions/core";
import { publicAction, type PublicAction } from "@/lib/actions/public-action";
import { EmailAddressSchema } from "@/lib/email-address";
import { MAGIC_LINK_ANSWER_FLOOR_MS, withAnswerFloor } from "@/lib/answer-floor";
import { issueLinkInBackground } from "@/lib/magic-link-issue";
import { decideMagicLinkRequest } from "@/lib/sign-in-limits";
import { safeReturnPath } from "@/lib/safe-redirect";
import { COMPANY_PASSWORD_ONLY_MESSAGE, companyPolicy, companyValue } from "@/lib/company-sign-in";

const answerMagicLinkRequest: PublicAction<null> = publicAction({
  name: "auth.magic_link.request",
  input: z.object({ email: EmailAddressSchema, callbackUrl: z.string(), company: z.string().optional() }),
  async run({ input, ip, system }) {
    // A company whose policy is password-only (real or decoy: lib/company-sign-in.ts) takes no links,
    // whatever the form that posted here showed.
    const company = companyValue(input.company);
    if (company && !(await companyPolicy(company)).magicLink) {
      throw new ActionError("FORBIDDEN", COMPANY_PASSWORD_ONLY_MESSAGE, { company: [COMPANY_PASSWORD_ONLY_MESSAGE] });
    }
    const decision = await system((tx) => decideMagicLinkRequest(tx, input.email, ip));
    if (decision === "refuse") {
      throw new ActionError("RATE_LIMITED", "Too many sign-in links were requested. Please wait 15 minutes and try again.");
    }
    if (decision === "send") issueLinkInBackground(input.email, safeReturnPath(input.callbackUrl), company);
    return { data: null, redirectTo: "/login/check-email" };
  },
});

/**
 * Sends a sign-in link. The answer is the same whether or not the address has an account (the
 * check-email page), and so is its time, so the form cannot be used to discover who is a member: the
 * answer waits for nothing that depends on the account (the link is issued alongside, and its mail only
 * queued), and never comes before the answer floor. Past the per-address cap (lib/sign-in-limits.ts)
 * the answer is the same too, and no mail is sent.
 */
export async function requestMagicLink(previous: unknown, form: FormData) {
  return withAnswerFloor(MAGIC_LINK_ANSWER_FLOOR_MS, () => answerMagicLinkRequest(previous, form));
}
