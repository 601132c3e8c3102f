// withPlannerSettings (db/queries/activity/planner-settings.ts): the settings hold for the work's
// statements and are put back after, in the same transaction. On PostgreSQL the work starts without
// waiting for the settings' answer (the pool's pipeline mode), and its statement still runs after them;
// putting them back goes with the transaction's next statement, and is dropped when COMMIT is next.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { withPlannerSettings } from "@/db/queries/activity/planner-settings";
import { pooledClientOf } from "@/db/pooled-client";
import { withTenant, type Tx } from "@/db/scopes";
import { createTenant } from "../support/fixtures";
import { recordSocketWrites, socketWritesDuring } from "../support/socket-writes";

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
    // The settings with the work's statement; putting them back waits for the next statement.
    expect(writes).toHaveLength(1);
    expect(writes[0]).toContain("set_config");
    expect(writes[0]).toContain("the work");
  });

  it.runIf(onPostgres)("puts the settings back in the next statement's write, and not at all when the transaction ends next", async () => {
    const tenant = await createTenant();
    const putBack = "set_config('enable_sort', 'on', true)";
    let recording!: ReturnType<typeof recordSocketWrites>;
    await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
      await withPlannerSettings(tx, { enable_sort: "off" }, () => sortSetting(tx));
      const next = await socketWritesDuring(tx, async () => expect(await sortSetting(tx)).toBe("on"));
      expect(next).toHaveLength(1);
      expect(next[0]).toContain(putBack);
      expect(next[0]).toContain("current_setting('enable_sort')");
      await withPlannerSettings(tx, { enable_sort: "off" }, () => sortSetting(tx));
      recording = recordSocketWrites(tx);
    });
    recording.stop();
    // The transaction's end was all that followed: COMMIT, alone.
    expect(recording.writes).toHaveLength(1);
    expect(recording.writes[0]).toContain("commit");
    expect(recording.writes[0]).not.toContain("set_config");
  });

  it.runIf(onPostgres)("puts the settings back before a next statement with parameters", async () => {
    const tenant = await createTenant();
    const seen = await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
      await withPlannerSettings(tx, { enable_sort: "off" }, () => sortSetting(tx));
      return rowsOf<{ sort: string }>(await tx.execute(sql`select current_setting(${"enable_sort"}) as sort`))[0]?.sort;
    });
    expect(seen).toBe("on");
  });
});
