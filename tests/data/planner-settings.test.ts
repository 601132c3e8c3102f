// withPlannerSettings (db/queries/activity/planner-settings.ts): the settings hold for the work's
// statements and are put back after, in the same transaction. On PostgreSQL the work starts without
// waiting for the settings' answer (the pool's pipeline mode), and its statement still runs after them.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { withPlannerSettings } from "@/db/queries/activity/planner-settings";
import { pooledClientOf } from "@/db/pooled-client";
import { withTenant, type Tx } from "@/db/scopes";
import { createTenant } from "../support/fixtures";
import { socketWritesDuring } from "../support/socket-writes";

const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
const rowsOf = <T,>(result: unknown) => (result as { rows: T[] }).rows;
const sortSetting = async (tx: Tx) => rowsOf<{ sort: string }>(await tx.execute(sql`select current_setting('enable_sort') as sort`))[0]?.sort;

describe("withPlannerSettings", () => {
  it("holds the settings for the work's statements and puts them back after", async () => {
    const tenant = await createTenant();
    const seen = await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
      const during = await withPlannerSettings(tx, { enable_sort: "off" }, () => sortSetting(tx));
      return { during, after: await sortSetting(tx) };
    });
    expect(seen).toEqual({ during: "off", after: "on" });
  });

  it("throws the work's failure", async () => {
    const tenant = await createTenant();
    const failing = withTenant({ tenantId: tenant.id, userId: null }, (tx) => withPlannerSettings(tx, { enable_sort: "off" }, () => tx.execute(sql`select 1 / 0`)));
    const error = (await failing.catch((caught: unknown) => caught)) as Error & { cause?: { code?: string } };
    expect(error.cause?.code).toBe("22012"); // division_by_zero
  });

  it.runIf(onPostgres)("starts the work before the settings are answered", async () => {
    const tenant = await createTenant();
    const readyWhenWorkStarted = await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
      await tx.execute(sql`select 1`);
      return withPlannerSettings(tx, { enable_sort: "off" }, async () => pooledClientOf(tx)?.readyForQuery);
    });
    expect(readyWhenWorkStarted).toBe(false);
  });

  it.runIf(onPostgres)("sends the settings and the work's first statement in one write", async () => {
    const tenant = await createTenant();
    const writes = await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
      await tx.execute(sql`select 1`);
      return socketWritesDuring(tx, () => withPlannerSettings(tx, { enable_sort: "off" }, () => tx.execute(sql`select 'the work' as marker`)));
    });
    // The settings with the work's statement, then the settings put back.
    expect(writes).toHaveLength(2);
    expect(writes[0]).toContain("set_config");
    expect(writes[0]).toContain("the work");
    expect(writes[1]).not.toContain("the work");
  });
});
