// The members of one tenant: the members page's list query and what membership changes read and write.
// Every function runs inside withTenant and still filters on tenant_id explicitly.
import { and, asc, count, desc, eq, ilike, ne, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { memberships, tenants, users, type MemberRole } from "../schema";
import type { TenantTx } from "../scopes";
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
  status: MemberStatus;
  joinedAt: Date;
}

/**
 * The name the tenant may see: none while the member is Invited. The tenant typed only the address;
 * the account's name (set in another tenant, or by its owner) is not theirs to learn before the
 * member accepts, and neither is whether the account ever signed in.
 */
const visibleName = (status: SQL | typeof memberships.status) => sql<string | null>`case when ${status} = 'invited' then null else ${users.name} end`;

/*
 * What keeps the list fast for a tenant of 20,000 members (numbers and plans: bench/members.ts):
 * - Row-level security applies its policy before any other condition on memberships, and only
 *   leakproof operators can be index conditions ahead of it: uuid and timestamp comparisons are;
 *   enum `=` (status), array `@>` (roles) and ILIKE are not. So a tenant's rows are found by
 *   tenant_id alone and status and role are checked entry by entry; memberships_tenant_created also
 *   carries user_id, status and roles, so in joined order that is an index-only scan.
 * - The search is a subquery on users, a global table without row-level security, whose trigram
 *   indexes serve it in full. Status (Invited, Active, Suspended) is stored on the membership.
 * - In joined order the page is cut from memberships alone and only its rows are joined to users; a
 *   page in the second half is read from the other end (pageWindow). The unfiltered total is the
 *   tenant's member counter; a filtered one is counted in the pass that finds the page.
 * - Known limit: the policy's tenant test compares with a value computed at run time, which the
 *   planner cannot estimate, so it takes any tenant for a small one (about 1/number-of-tenants of its
 *   real size). For a very large tenant it then picks plans sized for a few hundred rows:
 *   a hash of all members for a search, a full sort for the name sort.
 */
function listConditions(tenantId: string, query: MemberListQuery): SQL {
  const conditions: (SQL | undefined)[] = [eq(memberships.tenantId, tenantId)];
  if (query.role) conditions.push(sql`${memberships.roles} @> array[${query.role}]::member_role[]`);
  if (query.status) conditions.push(eq(memberships.status, query.status));
  if (query.search) {
    const pattern = containsPattern(query.search);
    // An Invited member is found by the address only: a match on a name the tenant cannot see would
    // tell it that name (search "Kowalski", see which address answers).
    const byEmail = sql`${memberships.userId} in (select ${users.id} from ${users} where ${ilike(users.email, pattern)})`;
    const byName = sql`(${memberships.status} <> 'invited' and ${memberships.userId} in (select ${users.id} from ${users} where ${ilike(users.name, pattern)}))`;
    conditions.push(or(byEmail, byName));
  }
  return and(...conditions)!;
}

export const isFiltered = (query: MemberListQuery) => Boolean(query.role || query.status || query.search);

/** How many members match the list's filters. */
export function countMembersQuery(tx: TenantTx, query: MemberListQuery) {
  return tx.select({ value: count() }).from(memberships).where(listConditions(tx.tenantId, query));
}

/**
 * The tenant's member counter (kept by triggers): the unfiltered total without counting. tenants is
 * a global table without row-level security, so it is read only for the tenant this transaction is
 * scoped to, like the memberships it counts.
 */
function memberCounterQuery(tx: TenantTx) {
  return tx
    .select({ value: tenants.memberCount })
    .from(tenants)
    .where(and(eq(tenants.id, tx.tenantId), sql`${tenants.id} = (select nullif(current_setting('app.tenant_id', true), '')::uuid)`));
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
 * One window of members, filtered and sorted as the members table's URL says. Filtered, each row
 * also carries how many members match in all (`count(*) over ()`), counted in the same pass that
 * finds the page instead of in a second scan.
 */
export function listMembersQuery(tx: TenantTx, query: MemberListQuery, window: RowWindow) {
  const direction = window.dir === "asc" ? asc : desc;
  const matching = isFiltered(query) ? sql<number>`count(*) over ()`.mapWith(Number) : sql<null>`null`;
  if (query.sort === "joined") {
    const page = tx
      .select({
        id: memberships.id,
        userId: memberships.userId,
        roles: memberships.roles,
        status: memberships.status,
        createdAt: memberships.createdAt,
        matching: matching.as("matching"),
      })
      .from(memberships)
      .where(listConditions(tx.tenantId, query))
      .orderBy(direction(memberships.createdAt), direction(memberships.id))
      .limit(window.limit)
      .offset(window.offset)
      .as("page");
    return tx
      .select({
        id: page.id,
        userId: page.userId,
        name: visibleName(sql`${page.status}`),
        email: users.email,
        roles: page.roles,
        status: sql<MemberStatus>`${page.status}`,
        joinedAt: page.createdAt,
        matching: page.matching,
      })
      .from(page)
      .innerJoin(users, eq(users.id, page.userId))
      .orderBy(direction(page.createdAt), direction(page.id));
  }
  // By name (no name yet, or not visible yet: last A to Z, first Z to A) or email; an address is
  // unique, so it settles ties. Sorting on the hidden name would place an Invited member by it.
  const name = visibleName(memberships.status);
  const order = query.sort === "name" ? [direction(name), direction(users.email)] : [direction(users.email)];
  return tx
    .select({
      id: memberships.id,
      userId: memberships.userId,
      name,
      email: users.email,
      roles: memberships.roles,
      status: memberships.status,
      joinedAt: memberships.createdAt,
      matching,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(listConditions(tx.tenantId, query))
    .orderBy(...order)
    .limit(window.limit)
    .offset(window.offset);
}

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
    const rows = await run(listMembersQuery(tx, query, window));
    return window.reversed ? rows.reverse() : rows;
  };
  const shown = (rows: Awaited<ReturnType<typeof read>>): MemberListRow[] =>
    rows.map(({ id, userId, name, email, roles, status, joinedAt }) => ({ id, userId, name, email, roles, status, joinedAt: new Date(joinedAt) }));

  if (!isFiltered(query)) {
    const [counter] = await run(memberCounterQuery(tx));
    const total = counter?.value ?? 0;
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
