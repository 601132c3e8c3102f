// The members of one tenant: the members page's list query and what membership changes read and write.
// Every function runs inside withTenant and still filters on tenant_id explicitly.
import { and, asc, count, desc, eq, ilike, ne, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { memberships, tenantGroupMembers, tenants, users, type MemberRole } from "../schema";
import { groupsOfMembership } from "./groups";
import { scopeTenantId } from "../scope-tenant";
import type { TenantTx } from "../scopes";
import { readTogether } from "../read-together";
import { withPlannerSettings, type PlannerSettings } from "./activity/planner-settings";
import { tallyTotal, type MemberTally } from "./member-tally";
import { containsPattern } from "./search";

/** A member's status in this tenant, as stored (never derived from the global account). */
export type MemberStatus = "active" | "invited" | "suspended";
export type MemberSort = "joined" | "name" | "email";

export interface MemberListQuery {
  page: number;
  size: number;
  sort: MemberSort;
  dir: "asc" | "desc";
  role?: MemberRole;
  /** A custom group's id (the "Role" filter offers the tenant's custom groups after the built-in ones). */
  groupId?: string;
  status?: MemberStatus;
  /** Substring of the name or email (the name only of members who have accepted). */
  search?: string;
}

export interface MemberListRow {
  id: string;
  userId: string;
  /** Null until the member accepts: an Invited member's account may belong to anyone, in any tenant. */
  name: string | null;
  email: string;
  roles: MemberRole[];
  /** The custom groups the member is in, A to Z. */
  groups: { id: string; name: string }[];
  status: MemberStatus;
  joinedAt: Date;
}

/*
 * What keeps the list fast for a tenant of 20,000 members (numbers and plans: bench/members.ts):
 * - Row-level security applies its policy before any other condition on memberships, and only
 *   leakproof operators can be index conditions ahead of it: uuid and timestamp comparisons are;
 *   enum `=` (status), array `@>` (roles) and ILIKE are not. So a tenant's rows are found by
 *   tenant_id alone and status and role are checked entry by entry, or read from a partial index
 *   per status and per role (migration 0016) whose predicate the query's condition implies.
 * - Every column the page shows is on the membership row: the name the tenant may see and the
 *   address are copies kept by triggers (member_name, member_email; migration
 *   members_and_platform_log_at_scale), so each sort (joined, name, email) reads one page of the
 *   tenant's entries in an index's order, forwards or backwards, and joins nothing
 *   (READ_IN_INDEX_ORDER keeps the planner to that). A page in the second half is read from the
 *   other end (pageWindow).
 * - Totals: unfiltered, the tenant's member counter; under status and role filters, the tenant's
 *   tally of members by status and roles (member-tally.ts), so no filter counts its matches; with a
 *   search, counted in the pass that finds the page.
 * - The search is a subquery on users, a global table without row-level security, whose trigram
 *   indexes serve it in full. Status (Invited, Active, Suspended) is stored on the membership.
 */
function listConditions(tenantId: string, query: MemberListQuery): SQL {
  const conditions: (SQL | undefined)[] = [eq(memberships.tenantId, tenantId)];
  if (query.role) conditions.push(sql`${memberships.roles} @> array[${query.role}]::member_role[]`);
  if (query.status) conditions.push(eq(memberships.status, query.status));
  // The group's members found through its rows, then `user_id = any(array(...))`: a leakproof uuid
  // comparison, an index condition on memberships_tenant_user (as the search does below).
  if (query.groupId) {
    conditions.push(
      sql`${memberships.userId} = any(array(select ${tenantGroupMembers.userId} from ${tenantGroupMembers} where ${and(eq(tenantGroupMembers.tenantId, tenantId), eq(tenantGroupMembers.groupId, query.groupId))}))`,
    );
  }
  if (query.search) {
    const pattern = containsPattern(query.search);
    // An Invited member is found by the address only: a match on a name the tenant cannot see would
    // tell it that name (search "Kowalski", see which address answers). Written as "an account that
    // matches by address or name, and if Invited by address" (member_email is the account's address,
    // kept by a trigger), so the accounts are found once through users' trigram indexes, and
    // `user_id = any(array(...))`, a leakproof uuid comparison, is an index condition on
    // memberships_tenant_user: one probe per matching account instead of a test of every member of
    // the tenant (an IN subquery is planned as such a test).
    const accounts = sql`${memberships.userId} = any(array(select ${users.id} from ${users} where ${or(ilike(users.email, pattern), ilike(users.name, pattern))}))`;
    conditions.push(accounts, or(ne(memberships.status, "invited"), ilike(memberships.memberEmail, pattern)));
  }
  return and(...conditions)!;
}

export const isFiltered = (query: MemberListQuery) => Boolean(query.role || query.groupId || query.status || query.search);

/** Filters the tenant's tally cannot total (a search, a custom group): counted in the pass that finds the page. */
const countedInPass = (query: MemberListQuery) => Boolean(query.search || query.groupId);

/** How many members match the list's filters. */
export function countMembersQuery(tx: TenantTx, query: MemberListQuery) {
  return tx.select({ value: count() }).from(memberships).where(listConditions(tx.tenantId, query));
}

/**
 * The tenant's member counter and tally (kept by triggers): totals without counting. tenants is a
 * global table without row-level security, so it is read only for the tenant this transaction is
 * scoped to, like the memberships it counts.
 */
export function memberCounterQuery(tx: TenantTx) {
  return tx
    .select({ value: tenants.memberCount, tally: tenants.memberTally })
    .from(tenants)
    .where(and(eq(tenants.id, tx.tenantId), eq(tenants.id, scopeTenantId)));
}

/** Which stretch of the sorted result to read, in which direction. */
export interface RowWindow {
  dir: "asc" | "desc";
  offset: number;
  limit: number;
  /** Read from the other end: the rows come back in reverse and are put back in order. */
  reversed: boolean;
}

/**
 * The rows of `page`. Knowing the total, a page in the second half is read from the other end (the
 * opposite direction, with a smaller offset), so the last page costs what the first does and no page
 * skips more than half the members.
 */
export function pageWindow(query: Pick<MemberListQuery, "page" | "size" | "dir">, total?: number): RowWindow {
  const offset = (query.page - 1) * query.size;
  if (total === undefined || offset <= total / 2) return { dir: query.dir, offset, limit: query.size, reversed: false };
  const end = Math.min(total, offset + query.size);
  return { dir: query.dir === "asc" ? "desc" : "asc", offset: total - end, limit: end - offset, reversed: true };
}

/**
 * One window of members, filtered and sorted as the members table's URL says, from memberships
 * alone. With a search, each row also carries how many members match in all (`count(*) over ()`),
 * counted in the same pass that finds the page instead of in a second scan.
 */
export function listMembersQuery(tx: TenantTx, query: MemberListQuery, window: RowWindow) {
  const direction = window.dir === "asc" ? asc : desc;
  const matching = countedInPass(query) ? sql<number>`count(*) over ()`.mapWith(Number) : sql<null>`null`;
  // By name (no visible name, i.e. none yet or Invited, last A to Z and first Z to A) or email; an
  // address is unique, so it settles ties. member_name is null while Invited, so an Invited member
  // is never placed by the hidden name. Each order is an index's (memberships_tenant_created,
  // memberships_tenant_name, memberships_tenant_email).
  const order =
    query.sort === "joined"
      ? [direction(memberships.createdAt), direction(memberships.id)]
      : query.sort === "name"
        ? [direction(memberships.memberName), direction(memberships.memberEmail)]
        : [direction(memberships.memberEmail)];
  return tx
    .select({
      id: memberships.id,
      userId: memberships.userId,
      name: memberships.memberName,
      email: memberships.memberEmail,
      roles: memberships.roles,
      groups: groupsOfMembership(),
      status: memberships.status,
      joinedAt: memberships.createdAt,
      matching,
    })
    .from(memberships)
    .where(listConditions(tx.tenantId, query))
    .orderBy(...order)
    .limit(window.limit)
    .offset(window.offset);
}

/**
 * Without a search, every order the list offers is an index's, so a page is an index range read up to
 * its limit. The planner cannot see that under row-level security: the policies' conditions (the
 * tenant OR, for the switcher, the user's own rows) make it expect about 1% of the tenant's members,
 * so it would rather fetch all 20,000 by bitmap and sort them. With sorting disabled it reads the
 * index in order. (A search keeps the planner's choice: its few matches are found through users'
 * trigram indexes and sorted.)
 */
const READ_IN_INDEX_ORDER: PlannerSettings = { enable_sort: "off", enable_incremental_sort: "off" };

/** Runs one statement of the members page; the bench passes a runner that also EXPLAINs it. */
export type RunStatement = <T>(statement: SQLWrapper & PromiseLike<T>) => Promise<T>;

const runStatement: RunStatement = async (statement) => statement;

/**
 * The members page: one page of rows and the total that matches. A page past the end shows the last
 * page instead (e.g. after the only member on the last page was removed).
 */
export async function listMembers(
  tx: TenantTx,
  query: MemberListQuery,
  run: RunStatement = runStatement,
): Promise<{ rows: MemberListRow[]; total: number; page: number }> {
  const lastPage = (total: number) => Math.min(query.page, Math.max(1, Math.ceil(total / query.size)));
  const read = async (window: RowWindow) => {
    const statement = () => run(listMembersQuery(tx, query, window));
    const rows = countedInPass(query) ? await statement() : await withPlannerSettings(tx, READ_IN_INDEX_ORDER, statement);
    return window.reversed ? rows.reverse() : rows;
  };
  const shown = (rows: Awaited<ReturnType<typeof read>>): MemberListRow[] =>
    rows.map(({ id, userId, name, email, roles, groups, status, joinedAt }) => ({ id, userId, name, email, roles, groups, status, joinedAt: new Date(joinedAt) }));

  if (!countedInPass(query)) {
    // The total from the tenant's counter or tally, so the page is read without counting.
    const totalOf = (counter: { value: number; tally: MemberTally } | undefined) =>
      !counter ? 0 : isFiltered(query) ? tallyTotal(counter.tally, query) : counter.value;
    if (query.page === 1) {
      // The first page's window does not depend on the total (pageWindow): its rows are asked for
      // beside the counter, in one round trip (readTogether).
      const { counter, rows } = await readTogether(tx, { counter: () => run(memberCounterQuery(tx)), rows: () => read(pageWindow(query)) });
      return { rows: shown(rows), total: totalOf(counter[0]), page: 1 };
    }
    const [counter] = await run(memberCounterQuery(tx));
    const total = totalOf(counter);
    const page = lastPage(total);
    return { rows: total === 0 ? [] : shown(await read(pageWindow({ ...query, page }, total))), total, page };
  }

  let page = query.page;
  let rows = await read(pageWindow(query));
  if (rows.length === 0 && page > 1) {
    const [counted] = await run(countMembersQuery(tx, query));
    page = lastPage(Number(counted?.value ?? 0));
    rows = await read(pageWindow({ ...query, page }));
  }
  return { rows: shown(rows), total: Number(rows[0]?.matching ?? 0), page };
}

/** A member of this tenant by membership id, with their account's address; null if not in this tenant. */
export async function findMember(tx: TenantTx, membershipId: string) {
  const [row] = await tx
    .select({
      id: memberships.id,
      userId: memberships.userId,
      roles: memberships.roles,
      status: memberships.status,
      email: users.email,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.id, membershipId)));
  return row ?? null;
}

export type Member = NonNullable<Awaited<ReturnType<typeof findMember>>>;

/** Active Admins of the tenant other than the given membership. */
export async function countOtherActiveAdmins(tx: TenantTx, exceptMembershipId: string): Promise<number> {
  const [row] = await tx
    .select({ value: count() })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tx.tenantId),
        eq(memberships.status, "active"),
        sql`${memberships.roles} @> array['admin']::member_role[]`,
        ne(memberships.id, exceptMembershipId),
      ),
    );
  return Number(row?.value ?? 0);
}

export async function updateMemberRoles(tx: TenantTx, membershipId: string, roles: MemberRole[]) {
  await tx
    .update(memberships)
    .set({ roles })
    .where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.id, membershipId)));
}

export async function updateMemberStatus(tx: TenantTx, membershipId: string, status: "active" | "suspended") {
  await tx
    .update(memberships)
    .set({ status })
    .where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.id, membershipId)));
}

export async function deleteMember(tx: TenantTx, membershipId: string) {
  await tx.delete(memberships).where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.id, membershipId)));
}
