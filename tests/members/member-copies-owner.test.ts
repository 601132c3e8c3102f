// The cross-tenant sync of members' names (users_copy_to_memberships) as it runs in production: as a
// table owner who is not a superuser, so row-level security applies to it (FORCE ROW LEVEL SECURITY).
// The test servers' owner is a superuser, which row-level security never stops; here the function is
// handed to a plain role with the owner's table rights, in a private database (roles and the
// function's owner are shared by every test on a database).
import "../support/own-database";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { queryOnce } from "@/db/admin";
import { withSystem, withTenant } from "@/db/scopes";
import { memberships, users } from "@/db/schema";
import { createTenant, createUser } from "../support/fixtures";
import { addMemberWith } from "./members-support";

const onPostgres = !process.env.DATABASE_URL?.startsWith("pglite:");
const role = `tenantry_copy_owner_${randomBytes(4).toString("hex")}`;
const owner = () => process.env.MIGRATION_DATABASE_URL!;

describe.skipIf(!onPostgres)("member name sync under row-level security", () => {
  beforeAll(async () => {
    await queryOnce(owner(), `create role ${role} nologin nosuperuser nobypassrls`);
    await queryOnce(owner(), `grant usage on schema public to ${role}`);
    await queryOnce(owner(), `grant select, update on memberships, tenants to ${role}`);
    await queryOnce(owner(), `grant select on users to ${role}`);
    await queryOnce(owner(), `alter function users_copy_to_memberships() owner to ${role}`);
  });

  afterAll(async () => {
    await queryOnce(owner(), `alter function users_copy_to_memberships() owner to current_user`);
    await queryOnce(owner(), `drop owned by ${role}`);
    await queryOnce(owner(), `drop role ${role}`);
  });

  it("hands the function to a role that row-level security applies to (neither superuser nor BYPASSRLS)", async () => {
    const [row] = await queryOnce<{ bypasses: boolean }>(owner(), "select rolbypassrls or rolsuper as bypasses from pg_roles where rolname = $1", [role]);
    expect(row!.bypasses).toBe(false);
  });

  it("renaming an account updates its memberships in every tenant, each within that tenant's scope", async () => {
    const tenants = [await createTenant("sync-a"), await createTenant("sync-b"), await createTenant("sync-c")];
    const member = await createUser("before-sync");
    const bystander = await createUser("bystander");
    for (const tenant of tenants) await addMemberWith(tenant.id, member.id, ["viewer"]);
    await addMemberWith(tenants[1]!.id, bystander.id, ["editor"]);

    await withTenant({ tenantId: tenants[0]!.id, userId: null }, (tx) =>
      tx.update(users).set({ name: "After Sync" }).where(eq(users.id, member.id)),
    );

    for (const tenant of tenants) {
      const rows = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
        tx
          .select({ userId: memberships.userId, name: memberships.memberName })
          .from(memberships)
          .where(and(eq(memberships.tenantId, tenant.id))),
      );
      const expected = [{ userId: member.id, name: "After Sync" }];
      if (tenant === tenants[1]) expected.push({ userId: bystander.id, name: "bystander" });
      expect(rows.sort((x, y) => x.name!.localeCompare(y.name!)), tenant.id).toEqual(expected);
    }
    const [account] = await withSystem((tx) => tx.select({ name: users.name }).from(users).where(eq(users.id, member.id)));
    expect(account!.name).toBe("After Sync");
  });
});
