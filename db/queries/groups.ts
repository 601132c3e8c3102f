// Custom groups and their members (issue 15). Tenant-scope functions take a TenantTx; the ones a page
// view needs before any tenant is set (the caller's own groups) also work in the caller's user scope,
// where the own_groups / own_group_memberships policies show them their own rows only. Row-level
// security limits every statement; the explicit tenant filters are the second wall.
import { and, asc, count, eq, inArray, ne, notInArray, sql, type SQL } from "drizzle-orm";
import { FLOW_SCOPED_PERMISSIONS, flows, memberships, tenantGroupFlows, tenantGroupMembers, tenantGroups } from "../schema";
import type { TenantTx, Tx } from "../scopes";

/**
 * The union of the permissions of the custom groups the membership's user is in, as one column of a
 * query over memberships: the actor's membership and its permissions are one statement.
 */
export function groupPermissionsOfMembership(options: { flowScope?: "all" | "unscoped" | "scoped" } = {}): SQL<string[]> {
  // "unscoped": what holds for the whole tenant (a group narrowed to some flows gives its flow
  // permissions to no other flow; the access review lists those with flowScopesOfMembership); "scoped":
  // only those narrowed flow permissions (checked per flow, lib/groups/flow-access.ts); "all": every
  // permission a group names.
  const flowScope = options.flowScope ?? "all";
  const narrowed = sql`(g.flows_scoped and p.permission = any(${scopedPermissionsArray()}))`;
  const filter = flowScope === "all" ? sql`` : flowScope === "unscoped" ? sql` and not ${narrowed}` : sql` and ${narrowed}`;
  // Qualified by hand: a select from one table names its columns unqualified, which the subquery's
  // own tenant_id would make ambiguous.
  return sql<string[]>`coalesce((select array_agg(distinct p.permission order by p.permission)
    from ${tenantGroupMembers} gm
    join ${tenantGroups} g on g.tenant_id = gm.tenant_id and g.id = gm.group_id
    cross join lateral unnest(g.permissions) as p(permission)
    where gm.tenant_id = ${memberships}.tenant_id and gm.user_id = ${memberships}.user_id${filter}), '{}'::text[])`;
}

/** The permissions a group may narrow to particular flows, as an SQL array. */
export const scopedPermissionsArray = () => sql`array[${sql.join(FLOW_SCOPED_PERMISSIONS.map((permission) => sql`${permission}`), sql`, `)}]::text[]`;

/**
 * Whether the user is in a group narrowed to "Only these flows" that carries `permission` and names
 * this flow (by id, in any environment). THE per-flow check (lib/groups/flow-access.ts); tenant scope.
 */
export async function groupScopeAllowsFlow(tx: TenantTx, userId: string, permission: string, flowId: string): Promise<boolean> {
  return (await flowsInGroupScope(tx, userId, permission, [flowId])).size > 0;
}

/** Which of `flowIds` (a page of a list) the user's narrowed groups carrying `permission` name: one statement. */
export async function flowsInGroupScope(tx: TenantTx, userId: string, permission: string, flowIds: string[]): Promise<Set<string>> {
  if (flowIds.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ flowId: tenantGroupFlows.flowId })
    .from(tenantGroupMembers)
    .innerJoin(tenantGroups, and(eq(tenantGroups.tenantId, tenantGroupMembers.tenantId), eq(tenantGroups.id, tenantGroupMembers.groupId)))
    .innerJoin(tenantGroupFlows, and(eq(tenantGroupFlows.tenantId, tenantGroups.tenantId), eq(tenantGroupFlows.groupId, tenantGroups.id)))
    .where(
      and(
        eq(tenantGroupMembers.tenantId, tx.tenantId),
        eq(tenantGroupMembers.userId, userId),
        eq(tenantGroups.flowsScoped, true),
        sql`${permission} = any(${tenantGroups.permissions})`,
        inArray(tenantGroupFlows.flowId, flowIds),
      ),
    );
  return new Set(rows.map((row) => row.flowId));
}

/** A flow permission the member holds through groups narrowed to particular flows, and those flows' names (A to Z). */
export interface FlowScope {
  permission: string;
  flows: string[];
}

/**
 * Per flow permission, the flows the membership's user holds it for through groups narrowed to "Only
 * these flows" (each flow once, by id, whichever environment's copy the group points at), as one
 * column of a query over memberships: the access review says "for 2 flows" and names them.
 */
export function flowScopesOfMembership(): SQL<FlowScope[]> {
  return sql<FlowScope[]>`coalesce((select json_agg(json_build_object('permission', x.permission, 'flows', x.flows) order by x.permission)
    from (select picked.permission, array_agg(picked.name order by picked.name, picked.flow_id) as flows
      from (select distinct on (p.permission, s.flow_id) p.permission, s.flow_id, f.name
        from ${tenantGroupMembers} gm
        join ${tenantGroups} g on g.tenant_id = gm.tenant_id and g.id = gm.group_id and g.flows_scoped
        cross join lateral unnest(g.permissions) as p(permission)
        join ${tenantGroupFlows} s on s.tenant_id = g.tenant_id and s.group_id = g.id
        join ${flows} f on f.tenant_id = s.tenant_id and f.environment = s.environment and f.id = s.flow_id
        where gm.tenant_id = ${memberships}.tenant_id and gm.user_id = ${memberships}.user_id and p.permission = any(${scopedPermissionsArray()})
        order by p.permission, s.flow_id) as picked
      group by picked.permission) as x), '[]'::json)`;
}

/** The names of the custom groups the membership's user is in (A to Z), as one column of a query over memberships. */
export function groupNamesOfMembership(): SQL<string[]> {
  return sql<string[]>`coalesce((select array_agg(g.name order by lower(g.name), g.id)
    from ${tenantGroupMembers} gm
    join ${tenantGroups} g on g.tenant_id = gm.tenant_id and g.id = gm.group_id
    where gm.tenant_id = ${memberships}.tenant_id and gm.user_id = ${memberships}.user_id), '{}'::text[])`;
}

/**
 * Whether the membership's user is in a custom group the tenant requires two-factor of, as one column
 * of the actor's membership read (the requirement costs no statement of its own).
 */
export function inTwoFactorGroupOfMembership(): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${tenantGroupMembers} gm
    join ${tenantGroups} g on g.tenant_id = gm.tenant_id and g.id = gm.group_id
    where gm.tenant_id = ${memberships}.tenant_id and gm.user_id = ${memberships}.user_id and g.two_factor_required)`;
}

/** Whether the membership's user is in any custom group (lib/permissions.ts: such a member is not "only a Viewer"). */
export function inCustomGroupOfMembership(): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${tenantGroupMembers} gm
    where gm.tenant_id = ${memberships}.tenant_id and gm.user_id = ${memberships}.user_id)`;
}

/** The custom groups the membership's user is in (A to Z), id and name, as one column of a query over memberships. */
export function groupsOfMembership(): SQL<{ id: string; name: string }[]> {
  return sql<{ id: string; name: string }[]>`coalesce((select json_agg(json_build_object('id', g.id, 'name', g.name) order by lower(g.name), g.id)
    from ${tenantGroupMembers} gm
    join ${tenantGroups} g on g.tenant_id = gm.tenant_id and g.id = gm.group_id
    where gm.tenant_id = ${memberships}.tenant_id and gm.user_id = ${memberships}.user_id), '[]'::json)`;
}

/**
 * The tenant's custom groups as a choice (the members page's checkboxes and filter, the two-factor
 * requirement's checkboxes), A to Z, at most `limit`: a tenant may have many groups.
 */
export async function listGroupChoices(tx: TenantTx, limit: number) {
  return tx
    .select({ id: tenantGroups.id, name: tenantGroups.name, twoFactorRequired: tenantGroups.twoFactorRequired })
    .from(tenantGroups)
    .where(eq(tenantGroups.tenantId, tx.tenantId))
    .orderBy(sql`lower(${tenantGroups.name})`, asc(tenantGroups.id))
    .limit(limit);
}

/** The groups of the tenant among `groupIds` (any id of another tenant's group is simply absent). */
export async function findGroupsByIds(tx: TenantTx, groupIds: readonly string[]) {
  if (groupIds.length === 0) return [];
  return tx
    .select({ id: tenantGroups.id, name: tenantGroups.name })
    .from(tenantGroups)
    .where(and(eq(tenantGroups.tenantId, tx.tenantId), inArray(tenantGroups.id, [...groupIds])))
    .orderBy(sql`lower(${tenantGroups.name})`, asc(tenantGroups.id));
}

/** Puts the user in exactly these custom groups of the tenant (takes them out of every other). */
export async function setGroupsOfMember(tx: TenantTx, userId: string, groupIds: readonly string[]) {
  await tx
    .delete(tenantGroupMembers)
    .where(
      and(
        eq(tenantGroupMembers.tenantId, tx.tenantId),
        eq(tenantGroupMembers.userId, userId),
        groupIds.length ? notInArray(tenantGroupMembers.groupId, [...groupIds]) : undefined,
      ),
    );
  if (groupIds.length === 0) return;
  await tx
    .insert(tenantGroupMembers)
    .values(groupIds.map((groupId) => ({ tenantId: tx.tenantId, groupId, userId })))
    .onConflictDoNothing();
}

/** Flags exactly these custom groups as requiring two-factor (and clears every other group's flag). */
export async function setTwoFactorGroups(tx: TenantTx, groupIds: readonly string[]) {
  await tx
    .update(tenantGroups)
    .set({ twoFactorRequired: groupIds.length ? inArray(tenantGroups.id, [...groupIds]) : sql`false` })
    .where(eq(tenantGroups.tenantId, tx.tenantId));
}

/** The tenant's custom groups that require two-factor, A to Z. */
export async function listTwoFactorGroups(tx: TenantTx) {
  return tx
    .select({ id: tenantGroups.id, name: tenantGroups.name })
    .from(tenantGroups)
    .where(and(eq(tenantGroups.tenantId, tx.tenantId), eq(tenantGroups.twoFactorRequired, true)))
    .orderBy(sql`lower(${tenantGroups.name})`, asc(tenantGroups.id));
}

const groupColumns = { id: tenantGroups.id, name: tenantGroups.name, permissions: tenantGroups.permissions, flowsScoped: tenantGroups.flowsScoped, createdAt: tenantGroups.createdAt };

/** The tenant's custom groups by name, each with how many members it has. */
export async function listGroups(tx: TenantTx) {
  return tx
    .select({
      ...groupColumns,
      memberCount: sql<number>`(select count(*)::int from ${tenantGroupMembers} gm where gm.tenant_id = ${tenantGroups}.tenant_id and gm.group_id = ${tenantGroups}.id)`,
    })
    .from(tenantGroups)
    .where(eq(tenantGroups.tenantId, tx.tenantId))
    .orderBy(sql`lower(${tenantGroups.name})`, asc(tenantGroups.id));
}

/** One group of the tenant, or null; `lock` keeps it from changing until commit. */
export async function findGroup(tx: TenantTx, groupId: string, options: { lock?: boolean } = {}) {
  const query = tx.select(groupColumns).from(tenantGroups).where(and(eq(tenantGroups.tenantId, tx.tenantId), eq(tenantGroups.id, groupId)));
  const [row] = options.lock ? await query.for("update") : await query;
  return row ?? null;
}

export async function insertGroup(tx: TenantTx, group: { name: string; permissions: string[] }) {
  const [row] = await tx.insert(tenantGroups).values({ ...group, tenantId: tx.tenantId }).returning(groupColumns);
  return row!;
}

export async function updateGroup(tx: TenantTx, groupId: string, change: { name?: string; permissions?: string[]; flowsScoped?: boolean }) {
  const [row] = await tx
    .update(tenantGroups)
    .set(change)
    .where(and(eq(tenantGroups.tenantId, tx.tenantId), eq(tenantGroups.id, groupId)))
    .returning(groupColumns);
  return row ?? null;
}

/** Deletes the group and (by the foreign key's cascade) who was in it; how many members it had. */
export async function deleteGroup(tx: TenantTx, groupId: string) {
  const [members] = await tx
    .select({ value: count() })
    .from(tenantGroupMembers)
    .where(and(eq(tenantGroupMembers.tenantId, tx.tenantId), eq(tenantGroupMembers.groupId, groupId)));
  await tx.delete(tenantGroups).where(and(eq(tenantGroups.tenantId, tx.tenantId), eq(tenantGroups.id, groupId)));
  return members?.value ?? 0;
}

/**
 * The custom groups a member is in, by name: THE query for "a member's groups" (the members page, the
 * access review). In a tenant scope for any member of it; in a user scope for the caller themselves.
 */
export async function listGroupsOfMember(tx: Tx, tenantId: string, userId: string) {
  return tx
    .select({ id: tenantGroups.id, name: tenantGroups.name, permissions: tenantGroups.permissions })
    .from(tenantGroupMembers)
    .innerJoin(tenantGroups, and(eq(tenantGroups.tenantId, tenantGroupMembers.tenantId), eq(tenantGroups.id, tenantGroupMembers.groupId)))
    .where(and(eq(tenantGroupMembers.tenantId, tenantId), eq(tenantGroupMembers.userId, userId)))
    .orderBy(sql`lower(${tenantGroups.name})`, asc(tenantGroups.id));
}

/** The custom groups of several members at once (a page of the members table): group ids by user id. */
export async function groupIdsOfMembers(tx: TenantTx, userIds: string[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  if (userIds.length === 0) return byUser;
  const rows = await tx
    .select({ userId: tenantGroupMembers.userId, groupId: tenantGroupMembers.groupId })
    .from(tenantGroupMembers)
    .where(and(eq(tenantGroupMembers.tenantId, tx.tenantId), inArray(tenantGroupMembers.userId, userIds)));
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.groupId]);
  return byUser;
}

/** A group's members, by email. */
export async function listGroupMembers(tx: TenantTx, groupId: string) {
  return tx
    .select({ userId: memberships.userId, membershipId: memberships.id, email: memberships.memberEmail, name: memberships.memberName, status: memberships.status })
    .from(tenantGroupMembers)
    .innerJoin(memberships, and(eq(memberships.tenantId, tenantGroupMembers.tenantId), eq(memberships.userId, tenantGroupMembers.userId)))
    .where(and(eq(tenantGroupMembers.tenantId, tx.tenantId), eq(tenantGroupMembers.groupId, groupId)))
    .orderBy(asc(memberships.memberEmail));
}

/** Puts the user in the group; false when they were in it already. */
export async function insertGroupMember(tx: TenantTx, groupId: string, userId: string): Promise<boolean> {
  const rows = await tx.insert(tenantGroupMembers).values({ tenantId: tx.tenantId, groupId, userId }).onConflictDoNothing().returning({ userId: tenantGroupMembers.userId });
  return rows.length > 0;
}

/** Takes the user out of the group; false when they were not in it. */
export async function deleteGroupMember(tx: TenantTx, groupId: string, userId: string): Promise<boolean> {
  const rows = await tx
    .delete(tenantGroupMembers)
    .where(and(eq(tenantGroupMembers.tenantId, tx.tenantId), eq(tenantGroupMembers.groupId, groupId), eq(tenantGroupMembers.userId, userId)))
    .returning({ userId: tenantGroupMembers.userId });
  return rows.length > 0;
}

/**
 * How many active members can manage members now: those with one of `managingRoles` (built-in groups)
 * or in a custom group that carries `permission`. The keep-a-manager rule, run under the tenant lock.
 */
export async function countActiveManagers(
  tx: TenantTx,
  permission: string,
  managingRoles: readonly string[],
  options: { exceptUserId?: string } = {},
): Promise<number> {
  const [row] = await tx
    .select({ value: count() })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tx.tenantId),
        eq(memberships.status, "active"),
        options.exceptUserId ? ne(memberships.userId, options.exceptUserId) : undefined,
        sql`(${memberships.roles} && array[${sql.join(managingRoles.map((role) => sql`${role}`), sql`, `)}]::member_role[]
          or exists (select 1 from ${tenantGroupMembers} gm join ${tenantGroups} g on g.tenant_id = gm.tenant_id and g.id = gm.group_id
            where gm.tenant_id = ${memberships}.tenant_id and gm.user_id = ${memberships}.user_id and ${permission} = any(g.permissions)))`,
      ),
    );
  return row?.value ?? 0;
}

/** Members of the tenant not in the group, by email (the group page's "Member" choice; at most `limit`). */
export async function listMembersOutsideGroup(tx: TenantTx, groupId: string, limit = 500) {
  return tx
    .select({ membershipId: memberships.id, email: memberships.memberEmail })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tx.tenantId),
        sql`not exists (select 1 from ${tenantGroupMembers} gm where gm.tenant_id = ${memberships}.tenant_id and gm.group_id = ${groupId} and gm.user_id = ${memberships}.user_id)`,
      ),
    )
    .orderBy(asc(memberships.memberEmail))
    .limit(limit);
}

/**
 * Members (by email, at most `limit`) for whom this group is their only group: no built-in group (role)
 * and no other custom group, so taking them out of it (or deleting it) would leave them in none.
 * `userId` asks about that one member only.
 */
export async function listMembersOnlyInGroup(tx: TenantTx, groupId: string, options: { userId?: string; limit?: number } = {}) {
  return tx
    .select({ email: memberships.memberEmail })
    .from(tenantGroupMembers)
    .innerJoin(memberships, and(eq(memberships.tenantId, tenantGroupMembers.tenantId), eq(memberships.userId, tenantGroupMembers.userId)))
    .where(
      and(
        eq(tenantGroupMembers.tenantId, tx.tenantId),
        eq(tenantGroupMembers.groupId, groupId),
        options.userId ? eq(tenantGroupMembers.userId, options.userId) : undefined,
        sql`cardinality(${memberships.roles}) = 0`,
        sql`not exists (select 1 from ${tenantGroupMembers} other where other.tenant_id = ${tenantGroupMembers.tenantId}
          and other.user_id = ${tenantGroupMembers.userId} and other.group_id <> ${tenantGroupMembers.groupId})`,
      ),
    )
    .orderBy(asc(memberships.memberEmail))
    .limit(options.limit ?? 3);
}
