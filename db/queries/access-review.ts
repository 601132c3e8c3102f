// The access review (issue 15, item 4): who has access to what in one tenant, and for a superadmin one
// user across tenants. Members come from memberships (tenant rows, under row-level security and
// filtered on tenant_id explicitly); the account's two-factor state and last sign-in are read from
// the global tables for the members on the page only, and their last activity from this tenant's log.
import { and, asc, count, eq, gt, ilike, ne, or, sql, type SQL } from "drizzle-orm";
import { isHiddenFromDashboardViewers, rolesGranting, type Permission } from "@/lib/permissions";
import { activity, memberships, tenantGroupMembers, tenantGroups, tenants, users, userTwoFactor, type MemberRole } from "../schema";
import { rowsOf } from "../client";
import type { PlatformTx, TenantTx } from "../scopes";
import { withPlannerSettings, type PlannerSettings } from "./activity/planner-settings";
import { flowScopesOfMembership, groupNamesOfMembership, groupPermissionsOfMembership, inCustomGroupOfMembership, type FlowScope } from "./groups";
import { viewersSeeDashboardsOnlyOf } from "./viewers-see-dashboards-only";
import type { MemberStatus } from "./members";
import { containsPattern } from "./search";

export interface AccessReviewFilters {
  /** Members holding this role. */
  role?: MemberRole;
  /** Members who have this permission, through a built-in group (role) or a custom group. */
  permission?: Permission;
  status?: MemberStatus;
  /**
   * Two-factor confirmed ("on") or not ("off"). Invited members match neither: their account is not
   * the tenant's to learn about until they accept (the members list hides their name for the same reason).
   */
  twoFactor?: "on" | "off";
  /** Substring of the address, or of the name of members who have accepted. */
  search?: string;
}

export interface AccessReviewQuery extends AccessReviewFilters {
  page: number;
  size: number;
}

export interface AccessReviewRow {
  membershipId: string;
  userId: string;
  /** Null while Invited (the tenant sees only the address). */
  name: string | null;
  email: string;
  roles: MemberRole[];
  /** The custom groups' names (A to Z) and the union of their permissions for the whole tenant, as stored. */
  customGroups: string[];
  groupPermissions: string[];
  /** The tenant's "Viewers see dashboards only" (lib/permissions.ts), for the effective permissions. */
  viewersSeeDashboardsOnly: boolean;
  /** Flow permissions held through groups narrowed to particular flows, with those flows. */
  flowScopes: FlowScope[];
  status: MemberStatus;
  joinedAt: Date;
  /** Null while Invited: the account's state is not the tenant's to see. */
  twoFactor: boolean | null;
  lastSignInAt: Date | null;
  /** The member's newest entry in this tenant's activity log. */
  lastActivityAt: Date | null;
}

const confirmedTwoFactor = sql`exists (select 1 from ${userTwoFactor} where ${userTwoFactor.userId} = ${memberships.userId} and ${userTwoFactor.confirmedAt} is not null)`;

function filterConditions(tenantId: string, filters: AccessReviewFilters): SQL {
  const conditions: (SQL | undefined)[] = [eq(memberships.tenantId, tenantId)];
  if (filters.role) conditions.push(sql`${memberships.roles} @> array[${filters.role}]::member_role[]`);
  if (filters.permission) {
    const roles = rolesGranting(filters.permission);
    // A role carrying it, or a custom group carrying it (an empty array literal needs its type spelled out).
    const byAnyRole = roles.length === 0 ? sql`false` : sql`${memberships.roles} && array[${sql.join(roles.map((role) => sql`${role}`), sql`, `)}]::member_role[]`;
    // What "Viewers see dashboards only" hides, a member who is only a Viewer does not hold (lib/permissions.ts).
    const byRole = isHiddenFromDashboardViewers(filters.permission)
      ? sql`(${byAnyRole} and not (${viewersSeeDashboardsOnlyOf(memberships.tenantId)} and ${memberships.roles} <@ array['viewer']::member_role[] and not ${inCustomGroupOfMembership()}))`
      : byAnyRole;
    const byGroup = sql`exists (select 1 from ${tenantGroupMembers} gm join ${tenantGroups} g on g.tenant_id = gm.tenant_id and g.id = gm.group_id
      where gm.tenant_id = ${memberships.tenantId} and gm.user_id = ${memberships.userId} and ${filters.permission} = any(g.permissions))`;
    conditions.push(or(byRole, byGroup));
  }
  if (filters.status) conditions.push(eq(memberships.status, filters.status));
  if (filters.twoFactor) {
    conditions.push(ne(memberships.status, "invited"), filters.twoFactor === "on" ? confirmedTwoFactor : sql`not ${confirmedTwoFactor}`);
  }
  if (filters.search) {
    // As on the members list (db/queries/members.ts): accounts found by users' trigram indexes, and an
    // Invited member by the address only, so a search never reveals the name of someone not yet in.
    const pattern = containsPattern(filters.search);
    conditions.push(
      sql`${memberships.userId} = any(array(select ${users.id} from ${users} where ${or(ilike(users.email, pattern), ilike(users.name, pattern))}))`,
      or(ne(memberships.status, "invited"), ilike(memberships.memberEmail, pattern)),
    );
  }
  return and(...conditions)!;
}

/** Reading memberships_tenant_email in order to the page's limit, rather than sorting every member (see members.ts). */
const READ_IN_INDEX_ORDER: PlannerSettings = { enable_sort: "off", enable_incremental_sort: "off" };

const memberColumns = {
  membershipId: memberships.id,
  userId: memberships.userId,
  name: memberships.memberName,
  email: memberships.memberEmail,
  roles: memberships.roles,
  customGroups: groupNamesOfMembership(),
  groupPermissions: groupPermissionsOfMembership({ flowScope: "unscoped" }),
  viewersSeeDashboardsOnly: viewersSeeDashboardsOnlyOf(memberships.tenantId),
  flowScopes: flowScopesOfMembership(),
  status: memberships.status,
  joinedAt: memberships.createdAt,
};

type MemberPart = Omit<AccessReviewRow, "twoFactor" | "lastSignInAt" | "lastActivityAt">;

/**
 * Two-factor, last sign-in and last activity for the given members: one read of the global tables by
 * primary key, and one index probe into the tenant's log per member (activity_tenant_actor_time).
 * Members still Invited are not looked up.
 */
async function withAccountState(tx: TenantTx, members: MemberPart[]): Promise<AccessReviewRow[]> {
  const ids = members.filter((member) => member.status !== "invited").map((member) => member.userId);
  const accounts = new Map<string, { twoFactor: boolean; lastSignInAt: Date | null }>();
  const lastActivity = new Map<string, Date | null>();
  if (ids.length > 0) {
    const idArray = sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;
    const accountRows = await tx
      .select({ id: users.id, lastSignInAt: users.lastSignInAt, confirmedAt: userTwoFactor.confirmedAt })
      .from(users)
      .leftJoin(userTwoFactor, eq(userTwoFactor.userId, users.id))
      .where(sql`${users.id} = any(${idArray})`);
    for (const row of accountRows) accounts.set(row.id, { twoFactor: row.confirmedAt !== null, lastSignInAt: row.lastSignInAt });
    const activityRows = await tx.execute(sql`
      select member.id as user_id,
        (select ${activity.createdAt} from ${activity}
          where ${activity.tenantId} = ${tx.tenantId} and ${activity.actorUserId} = member.id
          order by ${activity.createdAt} desc limit 1) as last_at
      from unnest(${idArray}) as member(id)`);
    for (const row of rowsOf<{ user_id: string; last_at: string | Date | null }>(activityRows)) lastActivity.set(row.user_id, row.last_at === null ? null : new Date(row.last_at));
  }
  return members.map((member) => ({
    ...member,
    joinedAt: new Date(member.joinedAt),
    twoFactor: member.status === "invited" ? null : (accounts.get(member.userId)?.twoFactor ?? false),
    lastSignInAt: member.status === "invited" ? null : (accounts.get(member.userId)?.lastSignInAt ?? null),
    lastActivityAt: lastActivity.get(member.userId) ?? null,
  }));
}

/**
 * One page of the tenant's access review, A to Z by address, and how many members match. A page past
 * the end shows the last page instead.
 */
export async function listAccessReview(tx: TenantTx, query: AccessReviewQuery): Promise<{ rows: AccessReviewRow[]; total: number; page: number }> {
  const where = filterConditions(tx.tenantId, query);
  const [counted] = await tx.select({ value: count() }).from(memberships).where(where);
  const total = Number(counted?.value ?? 0);
  const page = Math.min(query.page, Math.max(1, Math.ceil(total / query.size)));
  if (total === 0) return { rows: [], total, page };
  const read = () =>
    tx
      .select(memberColumns)
      .from(memberships)
      .where(where)
      .orderBy(asc(memberships.memberEmail))
      .limit(query.size)
      .offset((page - 1) * query.size);
  const members = query.search ? await read() : await withPlannerSettings(tx, READ_IN_INDEX_ORDER, read);
  return { rows: await withAccountState(tx, members), total, page };
}

/** Up to `limit` matching members after the address `after` (A to Z): the CSV export's batches. */
export async function accessReviewBatch(tx: TenantTx, filters: AccessReviewFilters, after: string | undefined, limit: number): Promise<AccessReviewRow[]> {
  const where = after === undefined ? filterConditions(tx.tenantId, filters) : and(filterConditions(tx.tenantId, filters), gt(memberships.memberEmail, after));
  const read = () => tx.select(memberColumns).from(memberships).where(where).orderBy(asc(memberships.memberEmail)).limit(limit);
  const members = filters.search ? await read() : await withPlannerSettings(tx, READ_IN_INDEX_ORDER, read);
  return withAccountState(tx, members);
}

/** The user's row in this tenant's access review, or null when they are no member of it. */
export async function findAccessReviewOfUser(tx: TenantTx, userId: string): Promise<AccessReviewRow | null> {
  const members = await tx
    .select(memberColumns)
    .from(memberships)
    .where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.userId, userId)));
  const [row] = await withAccountState(tx, members);
  return row ?? null;
}

/** An account as the superadmin's access review shows it (global tables), or null when there is none. */
export async function findAccountForReview(tx: PlatformTx, userId: string) {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      isSuperadmin: users.isSuperadmin,
      lastSignInAt: users.lastSignInAt,
      twoFactorConfirmedAt: userTwoFactor.confirmedAt,
    })
    .from(users)
    .leftJoin(userTwoFactor, eq(userTwoFactor.userId, users.id))
    .where(eq(users.id, userId));
  return row ? { ...row, twoFactor: row.twoFactorConfirmedAt !== null } : null;
}

/** A tenant's name and slug (tenants is a global table). */
export async function findTenantLabel(tx: PlatformTx, tenantId: string) {
  const [row] = await tx.select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  return row ?? null;
}
