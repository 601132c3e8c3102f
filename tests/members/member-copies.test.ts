// The copies of a member's name and address on the membership row (migration members_and_platform_log_at_scale): kept
// in step with the account in every tenant, never what a statement writes there, never the hidden name
// of an Invited member, and the cross-tenant sync gives a tenant-scoped transaction no way into another
// tenant's rows or scope.
import { beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { memberships, users } from "@/db/schema";
import { createTenant, createUser, databaseErrorOf } from "../support/fixtures";
import { addMemberWith } from "./members-support";

type Copy = { tenantId: string; name: string | null; email: string; roles: string[]; status: string };

/** The copies on the account's memberships in each of `tenantIds`, read inside each tenant. */
async function copiesOf(userId: string, tenantIds: string[]): Promise<Copy[]> {
  const copies: Copy[] = [];
  for (const tenantId of tenantIds) {
    const rows = await withTenant({ tenantId, userId: null }, (tx) =>
      tx
        .select({ tenantId: memberships.tenantId, name: memberships.memberName, email: memberships.memberEmail, roles: memberships.roles, status: memberships.status })
        .from(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId))),
    );
    copies.push(...rows);
  }
  return copies;
}

let a: { id: string };
let b: { id: string };
let c: { id: string };
let member: { id: string; email: string };

beforeEach(async () => {
  [a, b, c] = [await createTenant("copy-a"), await createTenant("copy-b"), await createTenant("copy-c")];
  member = await createUser("copied");
  await addMemberWith(a.id, member.id, ["admin"]);
  await addMemberWith(b.id, member.id, ["viewer", "editor"], "suspended");
  await addMemberWith(c.id, member.id, ["viewer"], "invited");
});

describe("member name and address copies", () => {
  it("are filled from the account when the member is added, without the name while Invited", async () => {
    expect(await copiesOf(member.id, [a.id, b.id, c.id])).toEqual([
      { tenantId: a.id, name: "copied", email: member.email, roles: ["admin"], status: "active" },
      { tenantId: b.id, name: "copied", email: member.email, roles: ["viewer", "editor"], status: "suspended" },
      { tenantId: c.id, name: null, email: member.email, roles: ["viewer"], status: "invited" },
    ]);
  });

  it("follow a change of the account's name and address into every tenant, and nothing else changes", async () => {
    const email = `renamed-${member.id.slice(0, 8)}@example.test`;
    await withSystem((tx) => tx.update(users).set({ name: "Renamed Person", email }).where(eq(users.id, member.id)));
    expect(await copiesOf(member.id, [a.id, b.id, c.id])).toEqual([
      { tenantId: a.id, name: "Renamed Person", email, roles: ["admin"], status: "active" },
      { tenantId: b.id, name: "Renamed Person", email, roles: ["viewer", "editor"], status: "suspended" },
      { tenantId: c.id, name: null, email, roles: ["viewer"], status: "invited" },
    ]);
  });

  it("show the name once an Invited member becomes Active", async () => {
    await withTenant({ tenantId: c.id, userId: null }, (tx) =>
      tx.update(memberships).set({ status: "active" }).where(and(eq(memberships.tenantId, c.id), eq(memberships.userId, member.id))),
    );
    expect((await copiesOf(member.id, [c.id]))[0]!.name).toBe("copied");
  });

  it("cannot be written by a statement: whatever it puts there is replaced by the account's", async () => {
    await withTenant({ tenantId: a.id, userId: null }, (tx) =>
      tx
        .update(memberships)
        .set({ memberName: "Forged", memberEmail: "forged@example.test" })
        .where(and(eq(memberships.tenantId, a.id), eq(memberships.userId, member.id))),
    );
    const other = await createUser("planted");
    await withTenant({ tenantId: a.id, userId: null }, (tx) =>
      tx.insert(memberships).values({ tenantId: a.id, userId: other.id, roles: ["viewer"], memberName: "Forged", memberEmail: "forged@example.test" }),
    );
    expect((await copiesOf(member.id, [a.id]))[0]).toMatchObject({ name: "copied", email: member.email });
    expect((await copiesOf(other.id, [a.id]))[0]).toMatchObject({ name: "planted", email: other.email });
  });

  it("a rename from tenant A's transaction updates B's copy and leaves the transaction in A's scope", async () => {
    const seen = await withTenant({ tenantId: a.id, userId: null }, async (tx) => {
      await tx.update(users).set({ name: "Renamed From A" }).where(eq(users.id, member.id));
      const result = await tx.execute(sql`select current_setting('app.tenant_id', true) as tenant, current_setting('app.self_user_id', true) as self`);
      const [settings] = (result as unknown as { rows: { tenant: string; self: string }[] }).rows;
      // Still only A's rows: the sync's per-tenant scope did not leak out of the trigger.
      const visible = await tx.select({ tenantId: memberships.tenantId }).from(memberships).where(eq(memberships.userId, member.id));
      return { settings, visible: visible.map((row) => row.tenantId) };
    });
    expect(seen).toEqual({ settings: { tenant: a.id, self: "" }, visible: [a.id] });
    expect((await copiesOf(member.id, [b.id]))[0]).toMatchObject({ name: "Renamed From A", roles: ["viewer", "editor"], status: "suspended" });
  });

  it("gives tenant A no way to write B's rows: neither directly nor by calling the trigger's function", async () => {
    const before = await copiesOf(member.id, [b.id]);
    const updated = await withTenant({ tenantId: a.id, userId: null }, (tx) =>
      tx
        .update(memberships)
        .set({ roles: ["admin"], status: "active" })
        .where(and(eq(memberships.tenantId, b.id), eq(memberships.userId, member.id)))
        .returning({ id: memberships.id }),
    );
    expect(updated).toEqual([]);
    const called = await databaseErrorOf(withTenant({ tenantId: a.id, userId: null }, (tx) => tx.execute(sql`select users_copy_to_memberships()`)));
    expect(called).toMatch(/permission denied|trigger functions can only be called as triggers/);
    expect(await copiesOf(member.id, [b.id])).toEqual(before);
  });
});
