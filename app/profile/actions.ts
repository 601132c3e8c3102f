"use server";

import { z } from "zod";
import { ActionError } from "@/lib/actions/core";
import { userAction } from "@/lib/actions/user-action";
import { appOrigin } from "@/lib/app-url";
import { enqueueMail } from "@/lib/mail-outbox";
import { passwordLinkMail } from "@/lib/mail-templates/password-link";
import { issuePasswordToken, PASSWORD_LINK_MINUTES, passwordLinkUrl } from "@/lib/password-links";
import { allowPasswordLinkRequest } from "@/lib/sign-in-limits";

/**
 * "Set password": mails the signed-in user a one-time link to set (or replace) their password. A
 * link rather than a form here, so setting a password always proves control of the mailbox.
 */
export const requestPasswordLink = userAction({
  name: "user.password_link.request",
  input: z.object({}),
  async run({ tx, user }) {
    if (!(await allowPasswordLinkRequest(tx, user.id))) {
      throw new ActionError("RATE_LIMITED", "Too many links were requested. Please wait 15 minutes and try again.");
    }
    const token = await issuePasswordToken(tx, user.id);
    // Queued with the token: both are kept, or neither; the worker delivers it after commit.
    const mail = passwordLinkMail({ to: user.email, url: passwordLinkUrl(await appOrigin(), token), minutesValid: PASSWORD_LINK_MINUTES });
    await enqueueMail(tx, mail, "user.password_link");
    return {
      data: { email: user.email },
      activity: {
        action: "user.password_link_sent",
        targetType: "user",
        targetId: user.id,
        summary: `${user.email} asked for a link to set their password`,
      },
    };
  },
});
