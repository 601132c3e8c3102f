import { and, eq } from "drizzle-orm";
import { memberships, type MemberRole, type MembershipStatus } from "../schema";
import type { TenantTx, UserTx } from "../scopes";
import { groupPermissionsOfMembership, inCustomGroupOfMembership } from "./groups";
import { viewersSeeDashboardsOnlyOf } from "./viewers-see-dashboards-only";

export async function insertMembership(
  tx: TenantTx,
  membership: { userId: string; roles: MemberRole[]; status?: MembershipStatus },
) {
  const [row] = await tx.insert(memberships).values({ ...membership, tenantId: tx.tenantId }).returning({ id: memberships.id });
  return row!;
}

/** The user's membership in the scope's tenant, with their custom groups' permissions (one statement). */
export async function findMembershipOfUser(tx: TenantTx, userId: string) {
  const [row] = await tx
    .select({
      id: memberships.id,
      roles: memberships.roles,
      status: memberships.status,
      // A group narrowed to some flows gives its flow permissions only per flow (lib/groups/flow-access.ts).
      groupPermissions: groupPermissionsOfMembership({ flowScope: "unscoped" }),
      flowScopedPermissions: groupPermissionsOfMembership({ flowScope: "scoped" }),
      // What "Viewers see dashboards only" needs (lib/permissions.ts), in the same statement.
      inCustomGroup: inCustomGroupOfMembership(),
      viewersSeeDashboardsOnly: viewersSeeDashboardsOnlyOf(memberships.tenantId),
    })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.userId, userId)));
  return row ?? null;
}

/** The tenants this user has a membership in (any status): in the user's own scope (own_memberships policy). */
export async function listTenantIdsOfUser(tx: UserTx, userId: string): Promise<string[]> {
  const rows = await tx.select({ tenantId: memberships.tenantId }).from(memberships).where(eq(memberships.userId, userId));
  return rows.map((row) => row.tenantId);
}
