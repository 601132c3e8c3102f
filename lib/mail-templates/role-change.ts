import escapeHtml from "escape-html";
import type { Mail } from "../mail";

/**
 * To a member whose roles (built-in groups) or custom groups changed: before, after, by whom. The
 * change is already in effect. When the lists name custom groups the mail says "groups" (Viewer,
 * Editor and Admin are groups too), so "Viewer, Marketing" is never called roles.
 */
export function roleChangeMail(params: {
  to: string;
  tenantName: string;
  rolesBefore: string;
  rolesAfter: string;
  /** The lists name custom groups as well as roles. */
  listsGroups?: boolean;
  changedBy: string;
  tenantUrl: string;
}): Mail {
  const { to, tenantName, rolesBefore, rolesAfter, changedBy, tenantUrl } = params;
  const noun = params.listsGroups ? "groups" : "roles";
  const subject = `Your ${noun} in ${tenantName} changed`;
  const text = [
    subject,
    "",
    `${changedBy} changed your ${noun} in ${tenantName}`,
    `from: ${rolesBefore}`,
    `to:   ${rolesAfter}`,
    "",
    "The change is already in effect; you do not need to sign in again.",
    tenantUrl,
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family: system-ui, sans-serif; color: #111">
<h1 style="font-size: 20px">${escapeHtml(subject)}</h1>
<p>${escapeHtml(changedBy)} changed your ${noun} in <strong>${escapeHtml(tenantName)}</strong>:</p>
<table style="border-collapse: collapse">
<tr><td style="padding: 2px 12px 2px 0; color: #555">From</td><td>${escapeHtml(rolesBefore)}</td></tr>
<tr><td style="padding: 2px 12px 2px 0; color: #555">To</td><td><strong>${escapeHtml(rolesAfter)}</strong></td></tr>
</table>
<p>The change is already in effect; you do not need to sign in again.</p>
<p><a href="${escapeHtml(tenantUrl)}">Open ${escapeHtml(tenantName)}</a></p>
</body></html>`;
  return { to, subject, text, html };
}
