// The superadmin's view of user accounts (withPlatform scope; users and tenants are global tables).
// "Tenants" here are the tenants a user owns (created), which is what their tenant limit counts.
import { asc, count, desc, eq, ilike, or, sql } from "drizzle-orm";
import { tenants, users } from "../schema";
import type { PlatformTx, Tx } from "../scopes";
import { readPageAndTotal } from "../read-together";
import type { PlatformListQuery } from "./platform-tenants";
import { containsPattern } from "./search";

export const PLATFORM_USER_SORTS = ["email", "tenantsOwned", "tenantLimit", "createdAt"] as const;
export type PlatformUserSort = (typeof PLATFORM_USER_SORTS)[number];

const tenantsOwned = sql<number>`(select count(*)::int from ${tenants} where ${tenants.createdBy} = ${users.id})`;
const ownedTenantNames = sql<string[]>`array(select ${tenants.name} from ${tenants} where ${tenants.createdBy} = ${users.id} order by ${tenants.name} limit 5)`;

const SORT_COLUMNS = { email: users.email, tenantsOwned, tenantLimit: users.tenantLimit, createdAt: users.createdAt } as const;

export async function listUsersForPlatform(tx: PlatformTx, query: PlatformListQuery<PlatformUserSort>) {
  const pattern = query.search ? containsPattern(query.search) : null;
  const where = pattern ? or(ilike(users.email, pattern), ilike(users.name, pattern)) : undefined;
  const order = query.dir === "desc" ? desc : asc;
  return readPageAndTotal(
    tx,
    () =>
      tx
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          isSuperadmin: users.isSuperadmin,
          canCreateTenants: users.canCreateTenants,
          tenantLimit: users.tenantLimit,
          createdAt: users.createdAt,
          tenantsOwned,
          ownedTenantNames,
        })
        .from(users)
        .where(where)
        .orderBy(order(SORT_COLUMNS[query.sort]), asc(users.id))
        .limit(query.size)
        .offset((query.page - 1) * query.size),
    () => tx.select({ value: count() }).from(users).where(where),
  );
}

/** The user's row, locked until commit (changes to one account's flags serialize on it). */
export async function lockUserForPlatform(tx: Tx, userId: string) {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      isSuperadmin: users.isSuperadmin,
      canCreateTenants: users.canCreateTenants,
      tenantLimit: users.tenantLimit,
    })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  return row ?? null;
}

export async function updateUserFlags(
  tx: Tx,
  userId: string,
  flags: { canCreateTenants?: boolean; tenantLimit?: number; isSuperadmin?: boolean },
) {
  await tx.update(users).set(flags).where(eq(users.id, userId));
}

/**
 * Locks every superadmin's row and answers their ids. A change that removes a superadmin flag holds
 * these locks while it checks that another superadmin remains: two superadmins removing their own
 * flags at once are serialized, and the second sees only one superadmin left.
 */
export async function lockSuperadmins(tx: Tx): Promise<string[]> {
  const rows = await tx.select({ id: users.id }).from(users).where(eq(users.isSuperadmin, true)).orderBy(asc(users.id)).for("update");
  return rows.map((row) => row.id);
}

/** Whether the user is a superadmin now (read on every request: a revoked flag applies at once). */
export async function isSuperadmin(tx: Tx, userId: string): Promise<boolean> {
  const [row] = await tx.select({ isSuperadmin: users.isSuperadmin }).from(users).where(eq(users.id, userId));
  return row?.isSuperadmin ?? false;
}
