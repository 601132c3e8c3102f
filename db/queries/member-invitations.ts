// Invitations of Invited memberships (withTenant scope: a token is only ever looked up inside the
// tenant its link names, and row-level security keeps every other tenant's invitations out of sight).
import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { memberInvitations, memberships, users } from "../schema";
import type { TenantTx } from "../scopes";
import { groupNamesOfMembership } from "./groups";

export async function insertInvitation(
  tx: TenantTx,
  invitation: { membershipId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await tx.insert(memberInvitations).values({ ...invitation, tenantId: tx.tenantId });
}

/** Closes the membership's open invitations (a resend replaces the link; a revoke ends it). */
export async function revokeOpenInvitations(tx: TenantTx, membershipId: string): Promise<void> {
  await tx
    .update(memberInvitations)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(memberInvitations.tenantId, tx.tenantId),
        eq(memberInvitations.membershipId, membershipId),
        isNull(memberInvitations.acceptedAt),
        isNull(memberInvitations.revokedAt),
      ),
    );
}

/**
 * The Invited membership an open invitation of this tenant is for (unaccepted, unrevoked, unexpired,
 * and the membership still Invited), with the invited address; null for anything else.
 */
export async function findOpenInvitation(tx: TenantTx, tokenHash: string) {
  const [row] = await tx
    .select({
      invitationId: memberInvitations.id,
      membershipId: memberships.id,
      userId: memberships.userId,
      roles: memberships.roles,
      groupNames: groupNamesOfMembership(),
      email: users.email,
    })
    .from(memberInvitations)
    .innerJoin(memberships, and(eq(memberships.tenantId, memberInvitations.tenantId), eq(memberships.id, memberInvitations.membershipId)))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberInvitations.tenantId, tx.tenantId),
        eq(memberInvitations.tokenHash, tokenHash),
        isNull(memberInvitations.acceptedAt),
        isNull(memberInvitations.revokedAt),
        gt(memberInvitations.expiresAt, sql`now()`),
        eq(memberships.status, "invited"),
      ),
    );
  return row ?? null;
}

/** Spends an open invitation: one conditional UPDATE, so of two concurrent accepts one wins. */
export async function markInvitationAccepted(tx: TenantTx, invitationId: string): Promise<boolean> {
  const rows = await tx
    .update(memberInvitations)
    .set({ acceptedAt: sql`now()` })
    .where(
      and(
        eq(memberInvitations.tenantId, tx.tenantId),
        eq(memberInvitations.id, invitationId),
        isNull(memberInvitations.acceptedAt),
        isNull(memberInvitations.revokedAt),
        gt(memberInvitations.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: memberInvitations.id });
  return rows.length === 1;
}
