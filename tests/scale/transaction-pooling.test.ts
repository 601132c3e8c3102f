// The app behind PgBouncer in transaction pooling mode (scripts/pgbouncer.ts) with ONE server
// connection: every scope helper's transaction from many app-side connections lands on the same
// PostgreSQL backend, one after the other. Nothing of one tenant's transaction may survive into the
// next one: the scope helpers set the role and app.* with set_config(..., true), which ends with the
// transaction. Runs on PostgreSQL only (PGlite has no server to pool), and skips, saying why, when
// the pgbouncer binary is not installed.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryOnce } from "@/db/admin";
import { closeDatabase } from "@/db/lifecycle";
import { withTenant } from "@/db/scopes";
import { memberships } from "@/db/schema";
import { findPgBouncer, startPgBouncer, type PgBouncer } from "../../scripts/pgbouncer";
import { addMember, createTenant, createUser } from "../support/fixtures";

// A raw result's rows (tests may not import db/client, where rowsOf lives).
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

const loginUrl = inject("databaseUrl");
const onPostgres = !loginUrl.startsWith("pglite:");
const pgbouncerBinary = findPgBouncer();
if (onPostgres && !pgbouncerBinary) {
  console.warn("[transaction-pooling] skipped: pgbouncer is not installed (apt-get install -y pgbouncer)");
}

describe.runIf(onPostgres && pgbouncerBinary)("behind PgBouncer in transaction pooling mode, one server connection", () => {
  let bouncer: PgBouncer;
  let directUrl: string;
  const tenants: { id: string; memberIds: string[] }[] = [];

  beforeAll(async () => {
    // Fixtures first, directly; then the app's pool is reopened through PgBouncer.
    for (let t = 0; t < 4; t++) {
      const tenant = await createTenant(`pooled${t}`);
      const memberIds: string[] = [];
      for (let m = 0; m <= t; m++) {
        const user = await createUser(`pooled${t}m${m}`);
        await addMember(tenant.id, user.id);
        memberIds.push(user.id);
      }
      tenants.push({ id: tenant.id, memberIds });
    }
    await closeDatabase();
    const url = new URL(loginUrl);
    bouncer = await startPgBouncer({ upstreamHost: url.hostname, upstreamPort: Number(url.port || 5432), users: [url.username], poolSize: 1 });
    directUrl = loginUrl;
    process.env.DATABASE_URL = bouncer.through(loginUrl);
    // More app-side connections than server connections: they queue in PgBouncer.
    process.env.DATABASE_POOL_SIZE = "8";
  });

  afterAll(async () => {
    await closeDatabase();
    process.env.DATABASE_URL = directUrl;
    delete process.env.DATABASE_POOL_SIZE;
    await bouncer?.stop();
  });

  it("interleaved transactions of four tenants share one backend and each sees only its own tenant", async () => {
    const runs = Array.from({ length: 40 }, (_, i) => tenants[i % tenants.length]!);
    const seen = await Promise.all(
      runs.map((tenant) =>
        withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
          const [before] = rowsOf<{ pid: number; tenant: string }>(
            await tx.execute(sql`select pg_backend_pid() as pid, current_setting('app.tenant_id') as tenant`),
          );
          // Yield inside the transaction so the other app-side connections queue up behind it.
          await tx.execute(sql`select pg_sleep(0.002)`);
          const rows = await tx.select({ tenantId: memberships.tenantId, userId: memberships.userId }).from(memberships);
          return { tenant, pid: before!.pid, setting: before!.tenant, rows };
        }),
      ),
    );
    expect(new Set(seen.map((s) => s.pid)).size).toBe(1);
    for (const { tenant, setting, rows } of seen) {
      expect(setting).toBe(tenant.id);
      expect(rows.map((r) => r.tenantId)).toEqual(tenant.memberIds.map(() => tenant.id));
      expect(rows.map((r) => r.userId).sort()).toEqual([...tenant.memberIds].sort());
    }
  });

  it("a client outside the scope helpers, on the backend a tenant transaction just used, finds no tenant, no role and no rows", async () => {
    const [inside] = await withTenant({ tenantId: tenants[0]!.id, userId: tenants[0]!.memberIds[0]! }, async (tx) =>
      rowsOf<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`)),
    );
    // A separate client of PgBouncer: with one server connection it gets the same backend.
    const [after] = await queryOnce<{ pid: number; tenant: string | null; user_id: string | null; role: string }>(
      bouncer.through(loginUrl),
      `select pg_backend_pid() as pid, current_setting('app.tenant_id', true) as tenant,
         current_setting('app.user_id', true) as user_id, current_user as role`,
    );
    expect(after!.pid).toBe(inside!.pid);
    expect(after!.tenant ?? "").toBe("");
    expect(after!.user_id ?? "").toBe("");
    // The login role holds no grants by itself (NOINHERIT): outside a scope helper nothing is readable.
    expect(after!.role).toBe(new URL(loginUrl).username);
    await expect(queryOnce(bouncer.through(loginUrl), "select count(*) from memberships")).rejects.toThrow(/permission denied/);
  });

  it("an error inside one tenant's transaction leaves nothing behind for the next", async () => {
    const [a, b] = tenants;
    await expect(
      withTenant({ tenantId: a!.id, userId: null }, async (tx) => {
        await tx.execute(sql`select 1/0`);
      }),
    ).rejects.toThrow();
    const rows = await withTenant({ tenantId: b!.id, userId: null }, (tx) => tx.select({ tenantId: memberships.tenantId }).from(memberships));
    expect(new Set(rows.map((r) => r.tenantId))).toEqual(new Set([b!.id]));
  });
});
