import escapeHtml from "escape-html";
import type { Mail } from "../mail";

/** To a member whose roles changed: before, after, by whom. The change is already in effect. */
export function roleChangeMail(params: {
  to: string;
  tenantName: string;
  rolesBefore: string;
  rolesAfter: string;
  changedBy: string;
  tenantUrl: string;
}): Mail {
  const { to, tenantName, rolesBefore, rolesAfter, changedBy, tenantUrl } = params;
  const text = [
    `Your roles in ${tenantName} changed`,
    "",
    `${changedBy} changed your roles in ${tenantName}`,
    `from: ${rolesBefore}`,
    `to:   ${rolesAfter}`,
    "",
    "The change is already in effect; you do not need to sign in again.",
    tenantUrl,
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family: system-ui, sans-serif; color: #111">
<h1 style="font-size: 20px">Your roles in ${escapeHtml(tenantName)} changed</h1>
<p>${escapeHtml(changedBy)} changed your roles in <strong>${escapeHtml(tenantName)}</strong>:</p>
<table style="border-collapse: collapse">
<tr><td style="padding: 2px 12px 2px 0; color: #555">From</td><td>${escapeHtml(rolesBefore)}</td></tr>
<tr><td style="padding: 2px 12px 2px 0; color: #555">To</td><td><strong>${escapeHtml(rolesAfter)}</strong></td></tr>
</table>
<p>The change is already in effect; you do not need to sign in again.</p>
<p><a href="${escapeHtml(tenantUrl)}">Open ${escapeHtml(tenantName)}</a></p>
</body></html>`;
  return { to, subject: `Your roles in ${tenantName} changed`, text, html };
}
