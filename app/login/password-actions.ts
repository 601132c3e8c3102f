"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { clientIp } from "@/lib/client-ip";
import { EmailAddressSchema } from "@/lib/email-address";
import { formText } from "@/lib/form-fields";
import { signInWithPassword } from "@/lib/password-sign-in";
import { safeReturnPath } from "@/lib/safe-redirect";
import { currentSessionToken, setSessionCookie } from "@/lib/session-cookie";

export interface PasswordFormState {
  fieldErrors?: { email?: string; password?: string };
  error?: string;
}

const PasswordSignInInput = z.object({
  email: EmailAddressSchema,
  // Only "something was typed": the length rules apply when a password is set, not when it is checked.
  password: z.string().min(1, "Enter your password.").max(1000, "Enter your password."),
});

const WRONG_CREDENTIALS =
  "That email and password do not match an account. Check both, or sign in with an email link and set a password on your profile.";

/** Signs in with email and password, then returns to where the user was going. */
export async function signInWithPasswordForm(_previous: PasswordFormState, form: FormData): Promise<PasswordFormState> {
  const parsed = PasswordSignInInput.safeParse({ email: formText(form, "email"), password: formText(form, "password") });
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return { fieldErrors: { email: errors.email?.[0], password: errors.password?.[0] } };
  }
  const result = await signInWithPassword({
    ...parsed.data,
    ip: await clientIp(),
    replacesSessionToken: await currentSessionToken(),
  });
  if (!result.ok) {
    const error =
      result.reason === "rate_limited" ? "Too many sign-in attempts. Please wait 15 minutes and try again." : WRONG_CREDENTIALS;
    return { error };
  }
  await setSessionCookie(result.sessionToken, result.expires);
  redirect(safeReturnPath(formText(form, "callbackUrl")));
}
