import { and, asc, count, eq } from "drizzle-orm";
import { memberships, tenants } from "../schema";
import type { MemberRole } from "../schema";
import type { Tx } from "../scopes";
import { getLastTenantId } from "./users";

export interface TenantSummary {
  id: string;
  slug: string;
  name: string;
}

/** The user's active tenants, by name (withUser scope: reads only their own memberships). */
export async function listTenantsOfUser(tx: Tx, userId: string): Promise<TenantSummary[]> {
  return tx
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, "active")))
    .orderBy(asc(tenants.name), asc(tenants.slug));
}

export interface TenantMembership {
  tenant: TenantSummary & { magicLinkEnabled: boolean };
  membershipId: string;
  roles: MemberRole[];
  status: "active" | "suspended";
}

/** The user's membership in the tenant with this slug, or null (withUser scope). */
export async function findMembershipBySlug(tx: Tx, userId: string, slug: string): Promise<TenantMembership | null> {
  const [row] = await tx
    .select({
      id: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      magicLinkEnabled: tenants.magicLinkEnabled,
      membershipId: memberships.id,
      roles: memberships.roles,
      status: memberships.status,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), eq(tenants.slug, slug)))
    .limit(1);
  if (!row) return null;
  return {
    tenant: { id: row.id, slug: row.slug, name: row.name, magicLinkEnabled: row.magicLinkEnabled },
    membershipId: row.membershipId,
    roles: row.roles,
    status: row.status,
  };
}

/** Active and suspended members of a tenant (withTenant scope). */
export async function countMembers(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx.select({ value: count() }).from(memberships).where(eq(memberships.tenantId, tenantId));
  return row?.value ?? 0;
}

/**
 * The tenant a user lands in: the one they chose last if they still belong to it, else their first
 * by name, else null (withUser scope).
 */
export async function findLandingTenant(tx: Tx, userId: string): Promise<TenantSummary | null> {
  const [tenantsOfUser, lastTenantId] = [await listTenantsOfUser(tx, userId), await getLastTenantId(tx, userId)];
  return tenantsOfUser.find((t) => t.id === lastTenantId) ?? tenantsOfUser[0] ?? null;
}

export async function insertTenant(
  tx: Tx,
  tenant: { slug: string; name: string; contactEmail?: string | null; license?: string; flowCap?: number; createdBy?: string | null },
) {
  const [row] = await tx.insert(tenants).values(tenant).returning({ id: tenants.id, slug: tenants.slug, name: tenants.name });
  return row!;
}

export async function getTenantById(tx: Tx, tenantId: string) {
  const [row] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
  return row ?? null;
}
