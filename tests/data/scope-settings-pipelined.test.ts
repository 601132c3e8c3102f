// A scope helper's work starts without waiting for the scope's settings to be answered (db/scopes.ts
// runInScope, with the pool in pipeline mode): the settings statement is on the wire first, so
// PostgreSQL runs the work's statements after it, in the scope. This holds that the first statement
// of the work is already in the scope (the tenant's rows and no one else's), and that on PostgreSQL
// the work really does start before the settings' answer has come back, its first statement leaving
// in the same socket write as BEGIN and the settings.
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { pooledClientOf } from "@/db/pooled-client";
import { withTenant, withUser } from "@/db/scopes";
import { approvedDomains } from "@/db/schema";
import { createTenant, createUser } from "../support/fixtures";
import { socketWritesDuring } from "../support/socket-writes";

const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
const rowsOf = <T,>(result: unknown) => (result as { rows: T[] }).rows;

describe("a scope's settings, pipelined with its work", () => {
  it("puts the work's very first statement in the scope", async () => {
    const [mine, other] = [await createTenant("pipelined-mine"), await createTenant("pipelined-other")];
    const first = await withTenant({ tenantId: mine.id, userId: null }, async (tx) =>
      rowsOf<{ tenant: string; role: string }>(await tx.execute(sql`select current_setting('app.tenant_id') as tenant, current_user as role`)),
    );
    expect(first).toEqual([{ tenant: mine.id, role: "tenantry_app" }]);
    // Attack: the first statement asks for another tenant's rows by its id and gets nothing.
    await withTenant({ tenantId: other.id, userId: null }, (tx) => tx.insert(approvedDomains).values({ tenantId: other.id, domain: "other.example" }));
    const guessed = await withTenant({ tenantId: mine.id, userId: null }, (tx) => tx.select().from(approvedDomains).where(eq(approvedDomains.tenantId, other.id)));
    expect(guessed).toEqual([]);
    const seen = await withTenant({ tenantId: other.id, userId: null }, (tx) => tx.select({ domain: approvedDomains.domain }).from(approvedDomains));
    expect(seen).toEqual([{ domain: "other.example" }]);
    const user = await createUser();
    const self = await withUser({ userId: user.id }, async (tx) => rowsOf<{ self: string }>(await tx.execute(sql`select current_setting('app.self_user_id') as self`)));
    expect(self).toEqual([{ self: user.id }]);
  });

  it.runIf(onPostgres)("starts the work before the settings are answered", async () => {
    const tenant = await createTenant();
    // Checked at once, before the work awaits anything: the settings statement is still in flight.
    const readyWhenWorkStarted = await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => pooledClientOf(tx)?.readyForQuery);
    expect(readyWhenWorkStarted).toBe(false);
  });

  it.runIf(onPostgres)("sends BEGIN, the settings and the work's first statement in one write", async () => {
    const tenant = await createTenant();
    // Called first thing in the work: the socket is still corked (corkUntilQueued), nothing of this
    // transaction has left yet.
    const writes = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      socketWritesDuring(tx, () => tx.execute(sql`select 'first statement of the work' as marker`)),
    );
    expect(writes[0]).toContain("begin");
    expect(writes[0]).toContain(tenant.id);
    expect(writes[0]).toContain("first statement of the work");
  });
});
