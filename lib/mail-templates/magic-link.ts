import escapeHtml from "escape-html";
import type { Mail } from "../mail";

export function magicLinkMail(params: { to: string; url: string; minutesValid: number }): Mail {
  const { to, url, minutesValid } = params;
  const text = [
    "Sign in to Tenantry",
    "",
    `Open this link to sign in as ${to}:`,
    url,
    "",
    `The link works once and expires in ${minutesValid} minutes.`,
    "If you did not ask to sign in, you can ignore this message.",
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family: system-ui, sans-serif; color: #111">
<h1 style="font-size: 20px">Sign in to Tenantry</h1>
<p>Open this link to sign in as <strong>${escapeHtml(to)}</strong>:</p>
<p><a href="${escapeHtml(url)}" style="display: inline-block; padding: 10px 16px; background: #1d4ed8; color: #fff; border-radius: 6px; text-decoration: none">Sign in</a></p>
<p style="color: #555">The link works once and expires in ${minutesValid} minutes. If you did not ask to sign in, you can ignore this message.</p>
</body></html>`;
  return { to, subject: "Your Tenantry sign-in link", text, html };
}
