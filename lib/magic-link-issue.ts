import "server-only";
import { withSystem } from "@/db/scopes";
import { findUserByEmail } from "@/db/queries/users";
import { signIn } from "./auth";
import { companyLanding } from "./company-sign-in";

// Links issued after the login form has answered, so the answer's time says nothing about whether
// the address has an account: with one, issuing costs a few more queries (the Auth.js token, the
// queued mail), which under load took longer than the answer floor (known 774 ms vs unknown 443 ms
// median at 24 concurrent requests). The server is a long-running Node process, so the work finishes
// after the answer.
const pending = new Set<Promise<void>>();

/**
 * Issues a sign-in link to `email` if it has an account, without holding up the caller. With a
 * `company`, the link lands in that tenant when the account is a member (lib/company-sign-in.ts).
 */
export function issueLinkInBackground(email: string, redirectTo: string, company: string | null = null): void {
  const work = issueLinkIfAccountExists(email, redirectTo, company).finally(() => pending.delete(work));
  pending.add(work);
}

/** Resolves once every link started so far has been issued (or failed): for tests and shutdown. */
export async function linksIssued(): Promise<void> {
  await Promise.all([...pending]);
}

async function issueLinkIfAccountExists(email: string, returnTo: string, company: string | null): Promise<void> {
  try {
    const account = await withSystem((tx) => findUserByEmail(tx, email));
    if (!account) return;
    const redirectTo = await companyLanding(account.id, company, returnTo);
    await signIn("nodemailer", { email, redirectTo, redirect: false });
  } catch (error) {
    // Auth.js ends by setting its callback-url cookie, which Next refuses once the answer has been
    // sent; by then the token and the queued mail have committed, and the link carries its own return path.
    if (error instanceof Error && error.message.startsWith("Cookies can only be modified")) return;
    console.error("[magic-link] could not issue a sign-in link:", error);
  }
}
