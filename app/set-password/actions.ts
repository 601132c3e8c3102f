"use server";

import { z } from "zod";
import { spendOpenPasswordTokensOf, spendPasswordToken } from "@/db/queries/password-tokens";
import { recordPlatformActivity } from "@/db/queries/activity/platform-log";
import { deleteOtherSessionsOf } from "@/db/queries/sessions";
import { getUserEmail, setPasswordHash } from "@/db/queries/users";
import { ActionError } from "@/lib/actions/core";
import { publicAction } from "@/lib/actions/public-action";
import { hashPasswordToken } from "@/lib/password-links";
import { hashPassword, NewPasswordSchema } from "@/lib/passwords";
import { currentSessionToken } from "@/lib/session-cookie";

const LINK_UNUSABLE_MESSAGE = "This link has expired or has already been used. Ask for a new one from your profile.";

/**
 * The link's token first: without one, the link is what is wrong (said on the form, under the
 * token's name), not the password. Then the password rules, then (for a valid one) the confirmation.
 */
const SetPasswordInput = z.object({ token: z.string(), password: z.string(), confirmPassword: z.string() }).superRefine((input, context) => {
  if (input.token === "") return context.addIssue({ code: "custom", path: ["token"], message: LINK_UNUSABLE_MESSAGE });
  const password = NewPasswordSchema.safeParse(input.password);
  for (const issue of password.error?.issues ?? []) context.addIssue({ code: "custom", path: ["password"], message: issue.message });
  if (password.success && input.password !== input.confirmPassword) {
    context.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two passwords do not match." });
  }
});

/**
 * Sets the password through a one-time link; open to signed-out visitors (the link is the proof).
 * The token is spent, the hash stored and the entry written in one transaction.
 */
export const setPasswordWithLink = publicAction({
  name: "user.password.set_with_link",
  input: SetPasswordInput,
  async run({ input, ip, system }) {
    // Hashing is deliberately slow: done before the transaction opens, not while it holds locks.
    const passwordHash = await hashPassword(input.password);
    const browserSession = await currentSessionToken();
    const done = await system(async (tx) => {
      const spent = await spendPasswordToken(tx, hashPasswordToken(input.token));
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
    if (!done) throw new ActionError("NOT_FOUND", LINK_UNUSABLE_MESSAGE);
    return { data: null, redirectTo: "/login?method=password&notice=password-set" };
  },
});
