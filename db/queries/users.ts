import { eq, sql } from "drizzle-orm";
import { users } from "../schema";
import type { Tx } from "../scopes";
import { normalizeEmail } from "../../lib/email-address";

export async function findUserByEmail(tx: Tx, email: string) {
  const [row] = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return row ?? null;
}

export async function getLastTenantId(tx: Tx, userId: string): Promise<string | null> {
  const [row] = await tx.select({ lastTenantId: users.lastTenantId }).from(users).where(eq(users.id, userId));
  return row?.lastTenantId ?? null;
}

export async function setLastTenant(tx: Tx, userId: string, tenantId: string): Promise<void> {
  await tx.update(users).set({ lastTenantId: tenantId }).where(eq(users.id, userId));
}

/** Notes that the user signed in now (the access review's "Last sign-in"): in the session's own transaction. */
export async function recordSignInTime(tx: Tx, userId: string): Promise<void> {
  await tx.update(users).set({ lastSignInAt: sql`now()` }).where(eq(users.id, userId));
}

export async function getUserEmail(tx: Tx, userId: string): Promise<string | null> {
  const [row] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email ?? null;
}

export interface NewUser {
  email: string;
  name?: string | null;
  isSuperadmin?: boolean;
  canCreateTenants?: boolean;
  tenantLimit?: number;
  emailVerified?: Date | null;
  passwordHash?: string | null;
}

export async function insertUser(tx: Tx, user: NewUser) {
  const [row] = await tx
    .insert(users)
    .values({ ...user, email: normalizeEmail(user.email) })
    .returning({ id: users.id, email: users.email });
  return row!;
}

export async function countUsers(tx: Tx): Promise<number> {
  const rows = await tx.select({ id: users.id }).from(users).limit(1);
  return rows.length;
}

/**
 * The user's tenant-creation allowance, with their row locked until the transaction ends: parallel
 * creations by one user queue here, so each counts the tenants the previous ones created.
 */
export async function lockTenantCreationAllowance(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ canCreateTenants: users.canCreateTenants, tenantLimit: users.tenantLimit })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  return row ?? null;
}

/** The user's tenant-creation flag and limit, for pages (no lock: actions check again under one). */
export async function getTenantCreationAllowance(tx: Tx, userId: string) {
  const [row] = await tx
    // The superadmin flag rides along: the home page sends a superadmin without tenants to /admin from the same read.
    .select({ canCreateTenants: users.canCreateTenants, tenantLimit: users.tenantLimit, isSuperadmin: users.isSuperadmin })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

/** The account's flags the tenant nav shows; both false for an account that no longer exists. */
export async function getAccountFlags(tx: Tx, userId: string): Promise<{ canCreateTenants: boolean; isSuperadmin: boolean }> {
  const [row] = await tx.select({ canCreateTenants: users.canCreateTenants, isSuperadmin: users.isSuperadmin }).from(users).where(eq(users.id, userId));
  return row ?? { canCreateTenants: false, isSuperadmin: false };
}

/** What password sign-in needs: the account and its argon2id hash (null when no password is set). */
export async function findPasswordCredentials(tx: Tx, email: string) {
  const [row] = await tx
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return row ?? null;
}

export async function hasPassword(tx: Tx, userId: string): Promise<boolean> {
  const [row] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return Boolean(row?.passwordHash);
}

/**
 * Stores a new password hash. The one-time link it came through was mailed to the account, so the
 * address counts as verified from now on (members list: no longer Invited) if it was not already.
 */
export async function setPasswordHash(tx: Tx, userId: string, passwordHash: string): Promise<void> {
  await tx
    .update(users)
    .set({ passwordHash, emailVerified: sql`coalesce(${users.emailVerified}, now())` })
    .where(eq(users.id, userId));
}

/**
 * The account with this address, created (never signed in: email_verified stays null) when there is
 * none. Safe when two tenants add the same new address at once: the loser of the insert reads the winner's row.
 */
export async function findOrCreateUserByEmail(tx: Tx, email: string): Promise<{ id: string; email: string; created: boolean }> {
  const normalised = normalizeEmail(email);
  const [created] = await tx
    .insert(users)
    .values({ email: normalised })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email });
  if (created) return { ...created, created: true };
  const existing = await findUserByEmail(tx, normalised);
  if (!existing) throw new Error("An account with this address was neither created nor found");
  return { ...existing, created: false };
}
