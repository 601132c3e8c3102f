// tenants.member_count and tenants.flow_count are kept by triggers; limits and the superadmin's
// tenant table rely on them, so they must follow every insert and delete, including bulk ones.
import { describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { withSystem, withTenant } from "@/db/scopes";
import { flows, memberships, tenants } from "@/db/schema";
import { addMember, createTenant, createUser, databaseErrorOf } from "../support/fixtures";

const countsOf = async (tenantId: string) => {
  const [row] = await withSystem((tx) =>
    tx.select({ members: tenants.memberCount, flows: tenants.flowCount }).from(tenants).where(eq(tenants.id, tenantId)),
  );
  return row;
};

describe("tenant counters", () => {
  it("follow member inserts and deletes, one by one and in bulk", async () => {
    const tenant = await createTenant("counted");
    const users = [await createUser("m1"), await createUser("m2"), await createUser("m3")];
    await addMember(tenant.id, users[0]!.id, ["admin"]);
    expect(await countsOf(tenant.id)).toEqual({ members: 1, flows: 0 });
    await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.insert(memberships).values(users.slice(1).map((u) => ({ tenantId: tenant.id, userId: u.id, roles: ["viewer" as const] }))),
    );
    expect(await countsOf(tenant.id)).toEqual({ members: 3, flows: 0 });
    await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.delete(memberships).where(inArray(memberships.userId, [users[1]!.id, users[2]!.id])),
    );
    expect(await countsOf(tenant.id)).toEqual({ members: 1, flows: 0 });
  });

  it("follow flows, and leave other tenants' counters alone", async () => {
    const [one, two] = [await createTenant("flows-one"), await createTenant("flows-two")];
    await withTenant({ tenantId: one.id, userId: null }, (tx) =>
      tx.insert(flows).values([{ tenantId: one.id, name: "a" }, { tenantId: one.id, name: "b" }]),
    );
    await withTenant({ tenantId: one.id, userId: null }, (tx) => tx.delete(flows).where(eq(flows.name, "a")));
    expect(await countsOf(one.id)).toEqual({ members: 0, flows: 1 });
    expect(await countsOf(two.id)).toEqual({ members: 0, flows: 0 });
  });

  it("do not move when a write is refused by row-level security", async () => {
    const [mine, theirs] = [await createTenant("mine"), await createTenant("theirs")];
    const refused = withTenant({ tenantId: mine.id, userId: null }, (tx) => tx.insert(flows).values({ tenantId: theirs.id, name: "x" }));
    expect(await databaseErrorOf(refused)).toMatch(/row-level security/);
    expect(await countsOf(theirs.id)).toEqual({ members: 0, flows: 0 });
  });
});
