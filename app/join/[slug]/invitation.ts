// What the join page and its action share: the open invitation a link names, looked up only inside
// the tenant of the link's slug (row-level security keeps every other tenant's invitations away, so a
// token of tenant A finds nothing at /join/<B>).
import { findOpenInvitation } from "@/db/queries/member-invitations";
import { findTenantBySlug } from "@/db/queries/tenants";
import { enterTenant, type Tx } from "@/db/scopes";
import { hashInvitationToken } from "@/lib/invitations";

/** A 32-byte token in base64url; anything else is not looked up at all. */
export const INVITATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The tenant and the open invitation for (slug, token), or null. Leaves `tx` in that tenant's scope
 * (as `userId`), where the accept action goes on to write through `inTenant`.
 */
export async function openInvitationOf(tx: Tx, slug: string, token: unknown, userId: string | null) {
  if (typeof token !== "string" || !INVITATION_TOKEN_PATTERN.test(token)) return null;
  const tenant = await findTenantBySlug(tx, slug);
  if (!tenant) return null;
  const inTenant = await enterTenant(tx, { tenantId: tenant.id, userId });
  const invitation = await findOpenInvitation(inTenant, hashInvitationToken(token));
  return invitation ? { tenant, invitation, inTenant } : null;
}

export const INVALID_INVITATION_MESSAGE =
  "This invitation link does not work: it may have expired, been replaced by a newer one, or been revoked. Ask an Admin of the tenant to resend it.";
