import { sendMail, type Mail } from "@/lib/mail";

/**
 * Sends a mail about a change that has already committed. A mail failure must not undo the change,
 * so it is logged for the operator and reported to the caller as `false`.
 */
export async function sendAfterCommit(mail: Mail, purpose: string): Promise<boolean> {
  try {
    await sendMail(mail);
    return true;
  } catch (error) {
    console.error(`[mail ${purpose}] could not send to ${mail.to}:`, error);
    return false;
  }
}
