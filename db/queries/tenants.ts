import { and, asc, count, eq, sql } from "drizzle-orm";
import { memberships, tenants } from "../schema";
import type { MemberRole, Tenant, TwoFactorRequirement } from "../schema";
import type { TenantTx, Tx, UserTx } from "../scopes";
import { memberCounterQuery } from "./members";
import { scopedPermissionsArray } from "./groups";
import { rowsOf } from "../client";
import { getLastTenantId } from "./users";

export interface TenantSummary {
  id: string;
  slug: string;
  name: string;
}

/** A tenant in the switcher: marked "Archived" while it is. */
export interface SwitcherTenant extends TenantSummary {
  archived: boolean;
}

/** The user's active tenants, by name (withUser scope: reads only their own memberships). */
export async function listTenantsOfUser(tx: UserTx, userId: string): Promise<SwitcherTenant[]> {
  return tx
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, archived: sql<boolean>`${tenants.archivedAt} is not null` })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, "active")))
    .orderBy(asc(tenants.name), asc(tenants.slug));
}

export interface TenantMembership {
  /** archivedAt is read in the same statement (a page view spends no round trip on it). */
  tenant: TenantSummary & { magicLinkEnabled: boolean; license: string; twoFactorRequired: TwoFactorRequirement; twoFactorRoles?: MemberRole[]; archivedAt: Date | null };
  membershipId: string;
  roles: MemberRole[];
  /** The user is in a custom group the tenant requires two-factor of (lib/two-factor/requirement.ts). */
  inTwoFactorGroup: boolean;
  /** The user is in any custom group, and the tenant's "Viewers see dashboards only" (lib/permissions.ts). */
  inCustomGroup: boolean;
  /** The names of the user's custom groups in the tenant, A to Z. */
  customGroupNames: string[];
  viewersSeeDashboardsOnly: boolean;
  /** The union of the permissions of the user's custom groups in the tenant, as stored. */
  groupPermissions: string[];
  /** Flow permissions of groups narrowed to particular flows, held only for those (lib/groups/flow-access.ts). */
  flowScopedPermissions: string[];
  /** The tenant's single sign-on requirement, null without SAML or OIDC set up (read through own_tenants_saml / own_tenants_oidc). */
  ssoRequirement: { requireSso: boolean; breakGlassUserId: string | null } | null;
  /** Only "active" opens the tenant; "invited" waits for the member to accept (/join/<slug>). */
  status: "invited" | "active" | "suspended";
}

/** The tenant with this slug (tenants is a global table): what an invitation link names. */
export async function findTenantBySlug(tx: Tx, slug: string): Promise<TenantSummary | null> {
  const [row] = await tx.select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.slug, slug));
  return row ?? null;
}

/** Whether the tenant with this slug takes magic links, or null when there is no such tenant (login). */
export async function findLoginPolicyBySlug(tx: Tx, slug: string): Promise<{ magicLinkEnabled: boolean } | null> {
  const [row] = await tx.select({ magicLinkEnabled: tenants.magicLinkEnabled }).from(tenants).where(eq(tenants.slug, slug));
  return row ?? null;
}

/** A row of caller_membership (migration 0048); caller_page (0050) returns the same columns. */
export interface CallerMembershipRow {
  tenant_id: string;
  slug: string;
  name: string;
  magic_link_enabled: boolean;
  license: string;
  two_factor_required: TwoFactorRequirement;
  two_factor_roles: MemberRole[];
  archived_at: string | Date | null;
  membership_id: string;
  roles: MemberRole[];
  group_permissions: string[];
  flow_scoped_permissions: string[];
  in_two_factor_group: boolean;
  in_custom_group: boolean;
  custom_group_names: string[];
  viewers_see_dashboards_only: boolean;
  require_sso: boolean | null;
  break_glass_user_id: string | null;
  status: TenantMembership["status"];
}

/**
 * The user's membership in the tenant with this slug, or null (withUser scope). Every tenant page
 * view reads it first, so it is one statement, run by a function that keeps its plan (planning it
 * under row-level security cost more than running it: migration 0048).
 */
export async function findMembershipBySlug(tx: UserTx, userId: string, slug: string): Promise<TenantMembership | null> {
  const [row] = rowsOf<CallerMembershipRow>(await tx.execute(sql`select * from caller_membership(${userId}, ${slug}, ${scopedPermissionsArray()})`));
  return row ? membershipOfRow(row) : null;
}

/** The membership a caller_membership row describes. */
export function membershipOfRow(row: CallerMembershipRow): TenantMembership {
  return {
    tenant: {
      id: row.tenant_id,
      slug: row.slug,
      name: row.name,
      magicLinkEnabled: row.magic_link_enabled,
      license: row.license,
      twoFactorRequired: row.two_factor_required,
      twoFactorRoles: row.two_factor_roles,
      archivedAt: row.archived_at === null ? null : new Date(row.archived_at),
    },
    membershipId: row.membership_id,
    roles: row.roles,
    inTwoFactorGroup: row.in_two_factor_group,
    customGroupNames: row.custom_group_names,
    inCustomGroup: row.in_custom_group,
    viewersSeeDashboardsOnly: row.viewers_see_dashboards_only,
    groupPermissions: row.group_permissions,
    flowScopedPermissions: row.flow_scoped_permissions,
    ssoRequirement: row.require_sso === null ? null : { requireSso: row.require_sso, breakGlassUserId: row.break_glass_user_id },
    status: row.status,
  };
}

/**
 * Every membership of the tenant (withTenant scope), from the counter triggers keep on its row: one
 * primary-key read, where counting read every membership (20,000 in a large tenant) on each overview.
 */
export async function countMembers(tx: TenantTx): Promise<number> {
  const [row] = await memberCounterQuery(tx);
  return row?.value ?? 0;
}

/**
 * The tenant a user lands in: the one they chose last if they still belong to it, else their first
 * by name, else null (withUser scope).
 */
export async function findLandingTenant(tx: UserTx, userId: string): Promise<TenantSummary | null> {
  const [tenantsOfUser, lastTenantId] = [await listTenantsOfUser(tx, userId), await getLastTenantId(tx, userId)];
  return tenantsOfUser.find((t) => t.id === lastTenantId) ?? tenantsOfUser[0] ?? null;
}

export async function insertTenant(
  tx: Tx,
  tenant: {
    slug: string;
    name: string;
    contactEmail?: string | null;
    license?: string;
    flowCap?: number;
    createdBy?: string | null;
    magicLinkEnabled?: boolean;
    twoFactorRequired?: TwoFactorRequirement;
  },
) {
  const [row] = await tx.insert(tenants).values(tenant).returning({ id: tenants.id, slug: tenants.slug, name: tenants.name });
  return row!;
}

/** How many tenants the user created (owns): their tenant limit counts these. */
export async function countTenantsOwnedBy(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx.select({ value: count() }).from(tenants).where(eq(tenants.createdBy, userId));
  return row?.value ?? 0;
}

/**
 * Inserts a new tenant owned by `createdBy` (null: created by an integration's token, owned by nobody);
 * null when the slug is taken (the transaction stays usable).
 */
export async function insertTenantIfSlugFree(
  tx: Tx,
  tenant: { slug: string; name: string; createdBy: string | null; license?: string; flowCap?: number; integrationId?: string; externalId?: string },
) {
  const [row] = await tx
    .insert(tenants)
    .values(tenant)
    .onConflictDoNothing({ target: tenants.slug })
    .returning({ id: tenants.id, slug: tenants.slug, name: tenants.name });
  return row ?? null;
}

/**
 * A new tenant, or null when any of its unique keys is taken (slug, normalised name, integration and
 * external id): for callers that choose another name themselves instead of asking a person.
 */
export async function insertTenantIfFree(tx: Tx, tenant: Parameters<typeof insertTenantIfSlugFree>[1]) {
  const [row] = await tx.insert(tenants).values(tenant).onConflictDoNothing().returning({ id: tenants.id, slug: tenants.slug, name: tenants.name });
  return row ?? null;
}

export type TenantSettings = Pick<Tenant, "id" | "slug" | "name" | "contactEmail" | "magicLinkEnabled" | "license" | "twoFactorRequired" | "twoFactorRoles" | "archivedAt" | "viewersSeeDashboardsOnly">;

const settingsColumns = {
  id: tenants.id,
  slug: tenants.slug,
  name: tenants.name,
  contactEmail: tenants.contactEmail,
  magicLinkEnabled: tenants.magicLinkEnabled,
  license: tenants.license,
  twoFactorRequired: tenants.twoFactorRequired,
  twoFactorRoles: tenants.twoFactorRoles,
  archivedAt: tenants.archivedAt,
  viewersSeeDashboardsOnly: tenants.viewersSeeDashboardsOnly,
};

export async function getTenantSettings(tx: TenantTx): Promise<TenantSettings | null> {
  const [row] = await tx.select(settingsColumns).from(tenants).where(eq(tenants.id, tx.tenantId));
  return row ?? null;
}

/**
 * The tenant row, locked until the transaction ends. Every change that must see the tenant as it is
 * takes this lock first: limit checks (flow cap, member limit) count under it, so parallel changes
 * queue here, and before/after values in activity entries stay exact.
 */
export async function lockTenant(tx: Tx, tenantId: string): Promise<Tenant | null> {
  const [row] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for("update");
  return row ?? null;
}

export async function updateTenantSettings(
  tx: TenantTx,
  changes: Partial<Pick<Tenant, "name" | "contactEmail" | "magicLinkEnabled" | "twoFactorRequired" | "twoFactorRoles" | "viewersSeeDashboardsOnly">>,
): Promise<void> {
  await tx.update(tenants).set(changes).where(eq(tenants.id, tx.tenantId));
}

/**
 * What the API door reads of the tenant before admitting a key or token, in one statement: whether it
 * is archived, and its "Viewers see dashboards only" (lib/permissions.ts).
 */
export async function tenantApiGate(tx: TenantTx): Promise<{ archivedAt: Date | null; viewersSeeDashboardsOnly: boolean }> {
  const [row] = await tx.select({ archivedAt: tenants.archivedAt, viewersSeeDashboardsOnly: tenants.viewersSeeDashboardsOnly }).from(tenants).where(eq(tenants.id, tx.tenantId));
  return row ?? { archivedAt: null, viewersSeeDashboardsOnly: false };
}

/** When the tenant was archived, or null while it is not (read fresh inside a writing transaction). */
export async function tenantArchivedAt(tx: TenantTx): Promise<Date | null> {
  const [row] = await tx.select({ archivedAt: tenants.archivedAt }).from(tenants).where(eq(tenants.id, tx.tenantId));
  return row?.archivedAt ?? null;
}

/** Archives (a date) or restores (null) the tenant. */
export async function setTenantArchivedAt(tx: Tx, tenantId: string, archivedAt: Date | null): Promise<void> {
  await tx.update(tenants).set({ archivedAt }).where(eq(tenants.id, tenantId));
}

/**
 * Deletes the tenant. Every tenant table references tenants(id) with ON DELETE CASCADE, so its
 * members, approved domains, flows, runs and its own activity log go in the same statement.
 */
export async function deleteTenant(tx: TenantTx) {
  const [row] = await tx
    .delete(tenants)
    .where(eq(tenants.id, tx.tenantId))
    .returning({ id: tenants.id, slug: tenants.slug, name: tenants.name, memberCount: tenants.memberCount });
  return row ?? null;
}
