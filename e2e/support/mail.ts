// Reads the mail catcher (maildev) through its HTTP API.
import { expect } from "@playwright/test";

export interface CaughtMail {
  id: string;
  subject: string;
  text: string;
  html: string;
  to: { address: string }[];
}

const mailApi = () => {
  const url = process.env.MAIL_API_URL;
  if (!url) throw new Error("MAIL_API_URL is not set: run the end-to-end suite through `npm run test:e2e`.");
  return url;
};

export async function mailsTo(address: string): Promise<CaughtMail[]> {
  const response = await fetch(`${mailApi()}/api/email`);
  const all = (await response.json()) as CaughtMail[];
  return all.filter((mail) => mail.to.some((to) => to.address.toLowerCase() === address.toLowerCase()));
}

/** Runs `send`, then waits for a mail to `address` that was not there before, and returns it. */
export async function awaitNewMail(address: string, send: () => Promise<void>): Promise<CaughtMail> {
  const before = new Set((await mailsTo(address)).map((mail) => mail.id));
  await send();
  let found: CaughtMail | undefined;
  await expect
    .poll(async () => {
      found = (await mailsTo(address)).find((mail) => !before.has(mail.id));
      return Boolean(found);
    }, { message: `a new mail to ${address}`, timeout: 15_000 })
    .toBe(true);
  return found!;
}

export function signInLinkIn(mail: CaughtMail): string {
  const link = mail.text.match(/https?:\/\/\S+\/login\/verify\?\S+/)?.[0];
  if (!link) throw new Error(`No sign-in link in mail "${mail.subject}"`);
  return link;
}
