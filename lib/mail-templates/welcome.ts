import escapeHtml from "escape-html";
import type { Mail } from "../mail";

/**
 * To someone just added to a tenant: who added them, with which roles, and where to sign in. A new
 * account is welcomed to Tenantry; an existing one is told the tenant is now theirs to open.
 */
export function welcomeMail(params: {
  to: string;
  newAccount: boolean;
  tenantName: string;
  roles: string;
  addedBy: string;
  signInUrl: string;
}): Mail {
  const { to, newAccount, tenantName, roles, addedBy, signInUrl } = params;
  const title = newAccount ? "Welcome to Tenantry" : `You now have access to ${tenantName}`;
  const howToSignIn = newAccount
    ? "There is no password to remember: each time, we email you a sign-in link that works once."
    : `${tenantName} is now in the tenant switcher when you sign in.`;
  const text = [
    title,
    "",
    `${addedBy} added you to ${tenantName} as ${roles}.`,
    "",
    `Sign in with this address (${to}) here:`,
    signInUrl,
    "",
    howToSignIn,
    "If you did not expect this, you can ignore this message.",
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family: system-ui, sans-serif; color: #111">
<h1 style="font-size: 20px">${escapeHtml(title)}</h1>
<p>${escapeHtml(addedBy)} added you to <strong>${escapeHtml(tenantName)}</strong> as ${escapeHtml(roles)}.</p>
<p>Sign in with this address (<strong>${escapeHtml(to)}</strong>):</p>
<p><a href="${escapeHtml(signInUrl)}" style="display: inline-block; padding: 10px 16px; background: #1d4ed8; color: #fff; border-radius: 6px; text-decoration: none">Sign in to ${escapeHtml(tenantName)}</a></p>
<p style="color: #555">${escapeHtml(howToSignIn)} If you did not expect this, you can ignore this message.</p>
</body></html>`;
  const subject = newAccount ? `Welcome to Tenantry: you have been added to ${tenantName}` : `You have been added to ${tenantName}`;
  return { to, subject, text, html };
}
