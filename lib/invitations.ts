// Invitations to a tenant (issue 10, item 5): adding a member makes an Invited membership and mails a
// one-time link /join/<slug>?token=. Only a SHA-256 of the 32-byte token is stored; it expires after 7
// days; a resend replaces it, a revoke ends it; accepting it (signed in as the invited address) makes
// the membership Active. Until then the tenant sees only the address the Admin typed.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { insertInvitation, revokeOpenInvitations } from "@/db/queries/member-invitations";
import type { TenantTx } from "@/db/scopes";

export const INVITATION_DAYS = 7;

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Closes the membership's open invitation (if any) and issues a new one; returns its token. */
export async function issueInvitation(tx: TenantTx, membershipId: string): Promise<string> {
  await revokeOpenInvitations(tx, membershipId);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60_000);
  await insertInvitation(tx, { membershipId, tokenHash: hashInvitationToken(token), expiresAt });
  return token;
}

export function invitationUrl(origin: string, tenantSlug: string, token: string): string {
  return `${origin}/join/${encodeURIComponent(tenantSlug)}?${new URLSearchParams({ token })}`;
}
