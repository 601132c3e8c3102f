// Each test seeds its own users and tenants with unique names, so files can share a database.
import { randomBytes } from "node:crypto";
import { withSystem, withTenant } from "@/db/scopes";
import { insertTenant } from "@/db/queries/tenants";
import { insertUser, type NewUser } from "@/db/queries/users";
import { insertMembership } from "@/db/queries/memberships";
import type { MemberRole } from "@/db/schema";
import type { LicenseKey } from "@/lib/licenses";

export const uniqueSuffix = () => randomBytes(4).toString("hex");

export async function createUser(label = "user", extra: Omit<NewUser, "email" | "name"> = {}) {
  return withSystem((tx) => insertUser(tx, { email: `${label}-${uniqueSuffix()}@example.test`, name: label, ...extra }));
}

/** A new tenant, on the Free license unless another is given (paid features need one). */
export async function createTenant(label = "tenant", options: { license?: LicenseKey } = {}) {
  const suffix = uniqueSuffix();
  return withSystem((tx) => insertTenant(tx, { slug: `${label}-${suffix}`, name: `${label} ${suffix}`, ...options }));
}

export async function addMember(tenantId: string, userId: string, roles: MemberRole[] = ["viewer"]) {
  return withTenant({ tenantId, userId: null }, (tx) => insertMembership(tx, { userId, roles }));
}

/** Two tenants, each with an admin, so cross-tenant attempts have something to aim at. */
export async function createTwoTenants(options: { license?: LicenseKey } = {}) {
  const [a, b] = [await createTenant("alpha", options), await createTenant("beta", options)];
  const [adminA, adminB] = [await createUser("admin-a"), await createUser("admin-b")];
  await addMember(a.id, adminA.id, ["admin"]);
  await addMember(b.id, adminB.id, ["admin"]);
  return { a, b, adminA, adminB };
}

/** The database's own message for a failed query (drizzle wraps it as the error's cause). */
export async function databaseErrorOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? (error as Error).message;
  }
  throw new Error("expected the database to refuse, but the query succeeded");
}
