import escapeHtml from "escape-html";
import type { Mail } from "../mail";

export function passwordLinkMail(params: { to: string; url: string; minutesValid: number }): Mail {
  const { to, url, minutesValid } = params;
  const text = [
    "Set your Tenantry password",
    "",
    `Open this link to set the password for ${to}:`,
    url,
    "",
    `The link works once and expires in ${minutesValid} minutes.`,
    "If you did not ask for it, you can ignore this message: your password stays as it is.",
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family: system-ui, sans-serif; color: #111">
<h1 style="font-size: 20px">Set your Tenantry password</h1>
<p>Open this link to set the password for <strong>${escapeHtml(to)}</strong>:</p>
<p><a href="${escapeHtml(url)}" style="display: inline-block; padding: 10px 16px; background: #1d4ed8; color: #fff; border-radius: 6px; text-decoration: none">Set password</a></p>
<p style="color: #555">The link works once and expires in ${minutesValid} minutes. If you did not ask for it, you can ignore this message: your password stays as it is.</p>
</body></html>`;
  return { to, subject: "Set your Tenantry password", text, html };
}
