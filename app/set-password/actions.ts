"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { withSystem } from "@/db/scopes";
import { spendOpenPasswordTokensOf, spendPasswordToken } from "@/db/queries/password-tokens";
import { recordPlatformActivity } from "@/db/queries/platform-activity";
import { deleteOtherSessionsOf } from "@/db/queries/sessions";
import { getUserEmail, setPasswordHash } from "@/db/queries/users";
import { clientIp } from "@/lib/client-ip";
import { formText } from "@/lib/form-fields";
import { hashPasswordToken } from "@/lib/password-links";
import { hashPassword, NewPasswordSchema } from "@/lib/passwords";
import { currentSessionToken } from "@/lib/session-cookie";

export interface SetPasswordFormState {
  fieldErrors?: { password?: string; confirmPassword?: string };
  error?: string;
}

const SetPasswordInput = z
  .object({ token: z.string().min(1), password: NewPasswordSchema, confirmPassword: z.string() })
  .refine((input) => input.password === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  });

const LINK_UNUSABLE_MESSAGE = "This link has expired or has already been used. Ask for a new one from your profile.";

/**
 * Sets the password through a one-time link; open to signed-out visitors (the link is the proof).
 * Like the sign-in forms it runs before anyone is known, so it uses the system scope, not a wrapper;
 * the token is spent, the hash stored and the entry written in one transaction.
 */
export async function setPasswordWithLink(_previous: SetPasswordFormState, form: FormData): Promise<SetPasswordFormState> {
  const parsed = SetPasswordInput.safeParse({
    token: formText(form, "token"),
    password: formText(form, "password"),
    confirmPassword: formText(form, "confirmPassword"),
  });
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    if (errors.token) return { error: LINK_UNUSABLE_MESSAGE };
    return { fieldErrors: { password: errors.password?.[0], confirmPassword: errors.confirmPassword?.[0] } };
  }
  // Hashing is deliberately slow: done before the transaction opens, not while it holds locks.
  const passwordHash = await hashPassword(parsed.data.password);
  const ip = await clientIp();
  const browserSession = await currentSessionToken();
  const done = await withSystem(async (tx) => {
    const spent = await spendPasswordToken(tx, hashPasswordToken(parsed.data.token));
    if (!spent) return false;
    await setPasswordHash(tx, spent.userId, passwordHash);
    await spendOpenPasswordTokensOf(tx, spent.userId);
    // Whoever knew the old password loses the sessions it opened: every session but this browser's ends.
    const sessionsEnded = await deleteOtherSessionsOf(tx, spent.userId, browserSession);
    const email = await getUserEmail(tx, spent.userId);
    await recordPlatformActivity(tx, {
      actorUserId: spent.userId,
      actorEmail: email,
      action: "user.password_set",
      summary: `${email} set a new password`,
      details: { sessionsEnded },
      ip,
    });
    return true;
  });
  if (!done) return { error: LINK_UNUSABLE_MESSAGE };
  redirect("/login?method=password&notice=password-set");
}
