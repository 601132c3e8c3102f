"use server";

import { z } from "zod";
import { ActionError } from "@/lib/actions/core";
import { publicAction } from "@/lib/actions/public-action";
import { EmailAddressSchema } from "@/lib/email-address";
import { signInWithPassword } from "@/lib/password-sign-in";
import { companyLanding, companyValue } from "@/lib/company-sign-in";
import { safeReturnPath } from "@/lib/safe-redirect";
import { currentSessionToken, setSessionCookie } from "@/lib/session-cookie";

const PasswordSignInInput = z.object({
  email: EmailAddressSchema,
  // Only "something was typed": the length rules apply when a password is set, not when it is checked.
  password: z.string().min(1, "Enter your password.").max(1000, "Enter your password."),
  callbackUrl: z.string(),
  // Any company allows a password (every policy does), so it only decides where a sign-in lands.
  company: z.string().optional(),
});

const WRONG_CREDENTIALS =
  "That email and password do not match an account. Check both, or sign in with an email link and set a password on your profile.";

/** Signs in with email and password, then returns to where the user was going. */
export const signInWithPasswordForm = publicAction({
  name: "auth.password.sign_in",
  input: PasswordSignInInput,
  async run({ input, ip }) {
    const result = await signInWithPassword({
      email: input.email,
      password: input.password,
      ip,
      replacesSessionToken: await currentSessionToken(),
    });
    if (!result.ok) {
      if (result.reason === "rate_limited") {
        throw new ActionError("RATE_LIMITED", "Too many sign-in attempts. Please wait 15 minutes and try again.");
      }
      throw new ActionError("UNAUTHENTICATED", WRONG_CREDENTIALS);
    }
    await setSessionCookie(result.sessionToken, result.expires);
    const landing = await companyLanding(result.userId, companyValue(input.company), safeReturnPath(input.callbackUrl));
    return { data: null, redirectTo: landing };
  },
});
