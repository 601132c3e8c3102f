// What a tenant page view reads of its caller before the page's own data, in one statement: the
// caller_page function (migration 0050), in the caller's user scope.
import { sql } from "drizzle-orm";
import { rowsOf } from "../client";
import type { Tx, UserTx } from "../scopes";
import { scopedPermissionsArray } from "./groups";
import type { StoredIpAllowLists } from "./ip-allow-lists";
import { membershipOfRow, type CallerMembershipRow, type SwitcherTenant, type TenantMembership } from "./tenants";

export interface CallerPage {
  /** As getAccountFlags reads them (false for an account that does not exist). */
  account: { canCreateTenants: boolean; isSuperadmin: boolean };
  /** As listTenantsOfUser lists them. */
  switcher: SwitcherTenant[];
  /** As findMembershipBySlug reads it: null when the caller is no member of the slug's tenant. */
  membership: TenantMembership | null;
  /** The membership's tenant's IP allow-lists for an active member (the own_tenants_lists policy); else none. */
  ipAllowLists: StoredIpAllowLists;
}

type CallerPageRow = { can_create_tenants: boolean; is_superadmin: boolean; switcher: SwitcherTenant[]; ip_allow_lists: StoredIpAllowLists } & (
  | CallerMembershipRow
  | { [column in keyof CallerMembershipRow]: null }
);

export async function readCallerPage(tx: UserTx, userId: string, slug: string): Promise<CallerPage> {
  // caller_page always returns one row.
  return callerPageOf(rowsOf<CallerPageRow>(await tx.execute(sql`select * from caller_page(${userId}, ${slug}, ${scopedPermissionsArray()})`))[0]!);
}

/**
 * readCallerPage for the user whose scope the transaction is in (app.self_user_id), and that user's
 * id: a read that can be asked for before the caller is known, behind the statement that enters
 * their scope (db/queries/sessions.ts findSessionEnteringUserWith). Outside a user's scope the user
 * is null and the page as caller_page gives it for nobody (no account, no switcher, no membership).
 */
export async function readCallerPageOfScopeUser(tx: Tx, slug: string): Promise<{ userId: string | null; page: CallerPage }> {
  const scopeUser = sql`nullif(current_setting('app.self_user_id', true), '')::uuid`;
  const [row] = rowsOf<CallerPageRow & { scope_user_id: string | null }>(
    await tx.execute(sql`select ${scopeUser} as scope_user_id, * from caller_page(${scopeUser}, ${slug}, ${scopedPermissionsArray()})`),
  );
  return { userId: row!.scope_user_id, page: callerPageOf(row!) };
}

function callerPageOf(row: CallerPageRow): CallerPage {
  return {
    account: { canCreateTenants: row.can_create_tenants, isSuperadmin: row.is_superadmin },
    switcher: row.switcher,
    membership: row.membership_id === null ? null : membershipOfRow(row as CallerMembershipRow),
    ipAllowLists: row.ip_allow_lists,
  };
}
