// The superadmin's view of tenants (withPlatform scope). Only the global tenants table is read: the
// member and flow counts are the trigger-kept counters, so listing tenants enters none of them.
import "server-only";
import { and, asc, count, desc, eq, ilike, isNotNull, isNull, or, sql } from "drizzle-orm";
import { tenants } from "../schema";
import type { PlatformTx, Tx } from "../scopes";
import { readPageAndTotal } from "../read-together";
import { containsPattern } from "./search";

export const PLATFORM_TENANT_SORTS = ["name", "slug", "license", "flowCap", "flowCount", "memberCount", "createdAt"] as const;
export type PlatformTenantSort = (typeof PLATFORM_TENANT_SORTS)[number];

export interface PlatformListQuery<Sort extends string> {
  search?: string;
  sort: Sort;
  dir: "asc" | "desc";
  page: number;
  size: number;
}

/** The Status filter of /admin's tenants: active or archived ones; none is all. */
export type PlatformTenantStatus = "active" | "archived";

const platformTenantColumns = {
  id: tenants.id,
  name: tenants.name,
  slug: tenants.slug,
  license: tenants.license,
  flowCap: tenants.flowCap,
  apiRequestsPerMinute: tenants.apiRequestsPerMinute,
  flowRunsPer30Days: tenants.flowRunsPer30Days,
  flowCount: tenants.flowCount,
  memberCount: tenants.memberCount,
  createdAt: tenants.createdAt,
  archived: sql<boolean>`${tenants.archivedAt} is not null`,
};

export async function listTenantsForPlatform(tx: PlatformTx, query: PlatformListQuery<PlatformTenantSort> & { status?: PlatformTenantStatus }) {
  const pattern = query.search ? containsPattern(query.search) : null;
  const status = query.status === "archived" ? isNotNull(tenants.archivedAt) : query.status === "active" ? isNull(tenants.archivedAt) : undefined;
  const where = and(pattern ? or(ilike(tenants.name, pattern), ilike(tenants.slug, pattern)) : undefined, status);
  const order = query.dir === "desc" ? desc : asc;
  return readPageAndTotal(
    tx,
    () =>
      tx
        .select(platformTenantColumns)
        .from(tenants)
        .where(where)
        .orderBy(order(platformTenantColumns[query.sort]), asc(tenants.id))
        .limit(query.size)
        .offset((query.page - 1) * query.size),
    () => tx.select({ value: count() }).from(tenants).where(where),
  );
}

/** The tenant row, locked until commit: plan changes and flow creation serialize on it. */
export async function updateTenantPlan(tx: PlatformTx, tenantId: string, plan: { license?: string; flowCap?: number }) {
  await tx.update(tenants).set(plan).where(eq(tenants.id, tenantId));
}

/** The tenant with this slug, in the shape an actor carries (a superadmin entering a tenant). */
export async function findTenantBySlug(tx: Tx, slug: string) {
  const [row] = await tx
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, magicLinkEnabled: tenants.magicLinkEnabled, license: tenants.license, twoFactorRequired: tenants.twoFactorRequired, twoFactorRoles: tenants.twoFactorRoles, archivedAt: tenants.archivedAt })
    .from(tenants)
    .where(eq(tenants.slug, slug));
  return row ?? null;
}

/** A tenant as the /admin/activity Tenant filter offers it. */
export interface TenantChoice {
  id: string;
  name: string;
  slug: string;
}

/** At most this many choices per answer: the filter never carries every tenant. */
export const TENANT_CHOICES = 20;
/** Typed text past this length names no tenant (names and slugs are shorter). */
export const TENANT_SEARCH_MAX = 200;

const choiceColumns = { id: tenants.id, name: tenants.name, slug: tenants.slug };

/**
 * The Tenant filter's choices: tenants whose name or slug contains `typed`, in any case (the /admin
 * tenants search), by name; with nothing typed, the first by name. At most TENANT_CHOICES.
 */
export async function searchTenantChoices(tx: PlatformTx, typed: string): Promise<TenantChoice[]> {
  const text = typed.trim();
  if (text.length > TENANT_SEARCH_MAX) return [];
  const pattern = text ? containsPattern(text) : null;
  return tx
    .select(choiceColumns)
    .from(tenants)
    .where(pattern ? or(ilike(tenants.name, pattern), ilike(tenants.slug, pattern)) : undefined)
    .orderBy(asc(tenants.name), asc(tenants.id))
    .limit(TENANT_CHOICES);
}

/** The chosen tenant of the filter, or null when no tenant has this id (a deleted one). */
export async function findTenantChoice(tx: PlatformTx, tenantId: string): Promise<TenantChoice | null> {
  const [row] = await tx.select(choiceColumns).from(tenants).where(eq(tenants.id, tenantId));
  return row ?? null;
}
