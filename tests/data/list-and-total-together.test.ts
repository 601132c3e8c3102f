// Lists that read a page of rows and the total that matches ask for both at once: on PostgreSQL the
// two statements leave in one socket write and come back in one round trip (corkUntilQueued).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { listFlows } from "@/db/queries/flows";
import { listGroupFlows } from "@/db/queries/group-flows";
import { listTenantsForPlatform } from "@/db/queries/platform-tenants";
import { listUsersForPlatform } from "@/db/queries/platform-users";
import { withPlatform, withTenant, type Tx } from "@/db/scopes";
import { createTenant, createUser } from "../support/fixtures";
import { socketWritesDuring } from "../support/socket-writes";

const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;

/** The writes of `list`, after the scope's own first write is out of the way. */
async function writesOf(tx: Tx, list: () => Promise<unknown>) {
  await tx.execute(sql`select 1`);
  return socketWritesDuring(tx, list);
}

describe.runIf(onPostgres)("a list and its total", () => {
  it("flows: the page and the count in one write", async () => {
    const tenant = await createTenant("together-flows");
    const writes = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      writesOf(tx, () => listFlows(tx, { sort: "name", dir: "asc", page: 1, size: 25 })),
    );
    expect(writes.find((write) => write.includes("count(*)") && write.includes('"flows"."name"'))).toBeDefined();
  });

  it("a group's flows: the page and the count in one write", async () => {
    const tenant = await createTenant("together-group-flows");
    const writes = await withTenant({ tenantId: tenant.id, userId: null }, (tx) => writesOf(tx, () => listGroupFlows(tx, randomUUID())));
    expect(writes).toHaveLength(1);
    expect(writes[0]).toContain("count(*)");
    expect(writes[0]).toContain('"flows"."name"');
  });

  it("the console's tenants and users: the page and the count in one write", async () => {
    const root = await createUser("together-root", { isSuperadmin: true });
    const query = { sort: "name", dir: "asc", page: 1, size: 10 } as const;
    const tenantWrites = await withPlatform({ superadminId: root.id }, (tx) => writesOf(tx, () => listTenantsForPlatform(tx, query)));
    expect(tenantWrites).toHaveLength(1);
    expect(tenantWrites[0]).toContain("count(*)");
    expect(tenantWrites[0]).toContain('"slug"');
    const userWrites = await withPlatform({ superadminId: root.id }, (tx) =>
      writesOf(tx, () => listUsersForPlatform(tx, { sort: "email", dir: "asc", page: 1, size: 10 })),
    );
    expect(userWrites).toHaveLength(1);
    expect(userWrites[0]).toContain("count(*)");
    expect(userWrites[0]).toContain('"email"');
  });
});
