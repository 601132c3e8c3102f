import escapeHtml from "escape-html";
import type { Mail } from "../mail";

/**
 * To someone an Admin added to a tenant: who invited them, with which roles, and the one-time link
 * that lets them accept (/join/<slug>?token=). Until they accept, the tenant sees only their address.
 */
export function invitationMail(params: {
  to: string;
  tenantName: string;
  roles: string;
  invitedBy: string;
  acceptUrl: string;
  daysValid: number;
}): Mail {
  const { to, tenantName, roles, invitedBy, acceptUrl, daysValid } = params;
  const title = `You are invited to ${tenantName}`;
  const text = [
    title,
    "",
    `${invitedBy} invited you (${to}) to ${tenantName} as ${roles}.`,
    "",
    "Open this link to accept the invitation:",
    acceptUrl,
    "",
    `The link expires in ${daysValid} days. You sign in with this address; there is no password to remember.`,
    "If you did not expect this, you can ignore this message.",
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family: system-ui, sans-serif; color: #111">
<h1 style="font-size: 20px">${escapeHtml(title)}</h1>
<p>${escapeHtml(invitedBy)} invited you (<strong>${escapeHtml(to)}</strong>) to <strong>${escapeHtml(tenantName)}</strong> as ${escapeHtml(roles)}.</p>
<p><a href="${escapeHtml(acceptUrl)}" style="display: inline-block; padding: 10px 16px; background: #1d4ed8; color: #fff; border-radius: 6px; text-decoration: none">Accept invitation</a></p>
<p style="color: #555">The link expires in ${daysValid} days. You sign in with this address; there is no password to remember. If you did not expect this, you can ignore this message.</p>
</body></html>`;
  return { to, subject: `You are invited to ${tenantName} on Tenantry`, text, html };
}
