import { and, eq } from "drizzle-orm";
import { memberships, type MemberRole, type MembershipStatus } from "../schema";
import type { TenantTx } from "../scopes";

export async function insertMembership(
  tx: TenantTx,
  membership: { userId: string; roles: MemberRole[]; status?: MembershipStatus },
) {
  const [row] = await tx.insert(memberships).values({ ...membership, tenantId: tx.tenantId }).returning({ id: memberships.id });
  return row!;
}

export async function findMembershipOfUser(tx: TenantTx, userId: string) {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.userId, userId)));
  return row ?? null;
}
