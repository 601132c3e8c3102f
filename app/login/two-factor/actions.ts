"use server";

// The second step of sign-in: the session the first factor opened becomes usable once a current code
// (or an unused recovery code) is entered. Before anyone is signed in as far as the app is concerned,
// so it is a public form action that finds the waiting session by the browser's session cookie.
import { z } from "zod";
import { recordPlatformActivity } from "@/db/queries/activity/platform-log";
import { findSessionAwaitingSecondFactor, markSecondFactorPassed } from "@/db/queries/two-factor";
import { getUserEmail } from "@/db/queries/users";
import { ActionError, SIGNED_OUT_MESSAGE } from "@/lib/actions/core";
import { publicAction } from "@/lib/actions/public-action";
import { safeReturnPath } from "@/lib/safe-redirect";
import { currentSessionToken } from "@/lib/session-cookie";
import { countCodeAttempt, spendSecondFactorCode, TOO_MANY_CODES_MESSAGE, WRONG_CODE_MESSAGE } from "@/lib/two-factor/codes";

const SecondFactorInput = z.object({
  code: z.string().trim().min(1, "Enter the code.").max(100, WRONG_CODE_MESSAGE),
  callbackUrl: z.string(),
});

export const verifySecondFactor = publicAction({
  name: "auth.two_factor.verify",
  input: SecondFactorInput,
  async run({ input, ip, system }) {
    const token = await currentSessionToken();
    const waiting = token ? await system((tx) => findSessionAwaitingSecondFactor(tx, token)) : null;
    if (!token || !waiting) throw new ActionError("UNAUTHENTICATED", SIGNED_OUT_MESSAGE);
    const { userId } = waiting;
    if (!(await countCodeAttempt(userId))) throw new ActionError("RATE_LIMITED", TOO_MANY_CODES_MESSAGE);
    const accepted = await system(async (tx) => {
      const kind = await spendSecondFactorCode(tx, userId, input.code);
      if (!kind || !(await markSecondFactorPassed(tx, token, userId))) return false;
      const email = await getUserEmail(tx, userId);
      await recordPlatformActivity(tx, {
        actorUserId: userId,
        actorEmail: email,
        action: "auth.two_factor_passed",
        summary: `${email} passed two-factor${kind === "recovery" ? " with a recovery code" : ""}`,
        details: { method: kind },
        ip,
      });
      return true;
    });
    if (!accepted) throw new ActionError("VALIDATION", WRONG_CODE_MESSAGE, { code: [WRONG_CODE_MESSAGE] });
    return { data: null, redirectTo: safeReturnPath(input.callbackUrl) };
  },
});
