// readTogether (db/read-together.ts): independent reads of one transaction asked for at once. On
// PostgreSQL their statements leave in one socket write (the pool's pipeline mode answers them in
// order); on PGlite they run one after another. Either way each read gets its own answer, and a
// failing read fails the whole, leaving nothing written.
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { pooledClientOf } from "@/db/pooled-client";
import { readTogether } from "@/db/read-together";
import { withTenant, type TenantTx, type Tx } from "@/db/scopes";
import { approvedDomains, flows, tenants } from "@/db/schema";
import { createTenant } from "../support/fixtures";

const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
const rowsOf = <T,>(result: unknown) => (result as { rows: T[] }).rows;

/** Counts the writes that reach the transaction's socket while `work` runs (node-postgres only). */
async function countingWrites<T>(tx: Tx, work: () => Promise<T>): Promise<{ result: T; writes: number }> {
  const stream = pooledClientOf(tx)!.connection!.stream as Record<string, (...args: unknown[]) => unknown>;
  let writes = 0;
  const original = { _write: stream._write!, _writev: stream._writev! };
  stream._write = function (...args) { writes++; return original._write.apply(this, args); };
  stream._writev = function (...args) { writes++; return original._writev.apply(this, args); };
  try {
    return { result: await work(), writes };
  } finally {
    Object.assign(stream, original);
  }
}

const tenantName = async (tx: TenantTx) => (await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tx.tenantId)))[0]?.name;
const domainList = async (tx: TenantTx) => (await tx.select({ domain: approvedDomains.domain }).from(approvedDomains).orderBy(approvedDomains.domain)).map((row) => row.domain);
const scopeTenant = async (tx: TenantTx) => rowsOf<{ tenant: string }>(await tx.execute(sql`select current_setting('app.tenant_id') as tenant`))[0]?.tenant;

describe("readTogether", () => {
  it("gives each read its own answer, by name, in the caller's scope", async () => {
    const tenant = await createTenant("read-together");
    await withTenant({ tenantId: tenant.id, userId: null }, (tx) => tx.insert(approvedDomains).values([{ tenantId: tenant.id, domain: "b.example" }, { tenantId: tenant.id, domain: "a.example" }]));
    const read = await withTenant({ tenantId: tenant.id, userId: null }, (tx) => readTogether(tx, { name: tenantName, domains: domainList, scope: scopeTenant, none: async () => 42 }));
    expect(read).toEqual({ name: tenant.name, domains: ["a.example", "b.example"], scope: tenant.id, none: 42 });
  });

  it.runIf(onPostgres)("sends the reads' statements in one write", async () => {
    const tenant = await createTenant();
    const { result, writes } = await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
      await tx.execute(sql`select 1`); // the scope's own first statement is behind us
      return countingWrites(tx, () => readTogether(tx, { a: tenantName, b: domainList, c: scopeTenant, d: tenantName }));
    });
    expect(result.c).toBe(tenant.id);
    expect(writes).toBe(1);
    // The same reads one after another: one write each.
    const sequential = await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
      await tx.execute(sql`select 1`);
      return countingWrites(tx, async () => [await tenantName(tx), await domainList(tx), await scopeTenant(tx), await tenantName(tx)]);
    });
    expect(sequential.writes).toBe(4);
  });

  it("throws the failing read's error, and the transaction writes nothing", async () => {
    const tenant = await createTenant();
    const failing = withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
      await tx.insert(flows).values({ tenantId: tenant.id, name: "Kept only if all goes well", steps: [] });
      return readTogether(tx, {
        fine: domainList,
        broken: async (inner) => inner.execute(sql`select 1 / 0`),
        after: tenantName,
      });
    });
    const error = (await failing.catch((caught: unknown) => caught)) as Error & { cause?: { code?: string } };
    // The first failure, as drizzle reports it (the statement, with the driver's error as its cause).
    expect(error.message).toMatch(/select 1 \/ 0/);
    expect(error.cause?.code).toBe("22012"); // division_by_zero
    const left = await withTenant({ tenantId: tenant.id, userId: null }, (tx) => tx.select().from(flows).where(eq(flows.tenantId, tenant.id)));
    expect(left).toEqual([]);
    // The pool's connections are fine afterwards.
    expect(await withTenant({ tenantId: tenant.id, userId: null }, (tx) => readTogether(tx, { scope: scopeTenant }))).toEqual({ scope: tenant.id });
  });
});
