import { and, eq } from "drizzle-orm";
import { memberships, type MemberRole, type MembershipStatus } from "../schema";
import type { Tx } from "../scopes";

export async function insertMembership(
  tx: Tx,
  membership: { tenantId: string; userId: string; roles: MemberRole[]; status?: MembershipStatus },
) {
  const [row] = await tx.insert(memberships).values(membership).returning({ id: memberships.id });
  return row!;
}

export async function findMembershipOfUser(tx: Tx, tenantId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  return row ?? null;
}
