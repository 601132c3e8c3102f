"use server";

// Two-factor from /profile (issue 15, item 3): set up (a new secret waits for its first code), confirm
// with that code (ten recovery codes, shown once), turn off with a code. Code attempts are counted per
// user in their own transaction (lib/two-factor/codes.ts), so wrong codes count even though the
// action rolls back.
import { z } from "zod";
import { ActionError } from "@/lib/actions/core";
import { redirectOnSuccess } from "@/lib/actions/after-commit";
import { userAction } from "@/lib/actions/user-action";
import { markSecondFactorPassed } from "@/db/queries/two-factor";
import { currentSessionToken } from "@/lib/session-cookie";
import { SecretsKeyError } from "@/lib/secrets/keyring";
import { countCodeAttempt, TOO_MANY_CODES_MESSAGE, WRONG_CODE_MESSAGE } from "@/lib/two-factor/codes";
import { confirmEnrolment, disableWithCode, startEnrolment } from "@/lib/two-factor/enrolment";

const NO_SECRETS_KEY_MESSAGE = "Two-factor cannot be set up yet: the server has no secrets key (SECRETS_KEY). Ask the operator to set it.";

const CodeInput = z.object({ code: z.string().trim().min(1, "Enter the code.").max(100, WRONG_CODE_MESSAGE) });

const wrongCode = () => new ActionError("VALIDATION", WRONG_CODE_MESSAGE, { code: [WRONG_CODE_MESSAGE] });

/** Counted before the action's transaction, which a wrong code rolls back. */
async function countAttempt({ user }: { user: { id: string } }): Promise<void> {
  if (!(await countCodeAttempt(user.id))) throw new ActionError("RATE_LIMITED", TOO_MANY_CODES_MESSAGE);
}

export const startTwoFactorSetup = userAction({
  name: "user.two_factor.start",
  input: z.object({}),
  async run({ tx, user }) {
    const started = await startEnrolment(tx, user.id).catch((error: unknown) => {
      if (error instanceof SecretsKeyError) throw new ActionError("UNAVAILABLE", NO_SECRETS_KEY_MESSAGE);
      throw error;
    });
    if (!started) throw new ActionError("CONFLICT", "Two-factor authentication is already on.");
    return {
      data: null,
      activity: { action: "user.two_factor_setup_started", targetType: "user", targetId: user.id, summary: `${user.email} started setting up two-factor` },
    };
  },
});

/** The form's action: the profile shows the QR code and the secret once the enrolment is stored. */
export const submitStartTwoFactorSetup = redirectOnSuccess(startTwoFactorSetup, () => "/profile");

export const confirmTwoFactorSetup = userAction({
  name: "user.two_factor.confirm",
  input: CodeInput,
  beforeTransaction: countAttempt,
  async run({ tx, user, input }) {
    const recoveryCodes = await confirmEnrolment(tx, user.id, input.code);
    if (!recoveryCodes) throw wrongCode();
    // This session has just shown the code; the user's other sessions ask for one on their next request.
    const token = await currentSessionToken();
    if (token) await markSecondFactorPassed(tx, token, user.id);
    return {
      data: { recoveryCodes },
      activity: { action: "user.two_factor_enabled", targetType: "user", targetId: user.id, summary: `${user.email} turned on two-factor` },
    };
  },
});

export const disableTwoFactor = userAction({
  name: "user.two_factor.disable",
  input: CodeInput,
  beforeTransaction: countAttempt,
  async run({ tx, user, input }) {
    if (!(await disableWithCode(tx, user.id, input.code))) throw wrongCode();
    return {
      data: null,
      activity: { action: "user.two_factor_disabled", targetType: "user", targetId: user.id, summary: `${user.email} turned off two-factor` },
    };
  },
});

export const submitDisableTwoFactor = redirectOnSuccess(disableTwoFactor, () => "/profile");
