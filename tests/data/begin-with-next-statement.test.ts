// The pool's connections send a transaction's BEGIN in one message with its first statement when
// that has no parameters (db/client.ts holdBeginForNextStatement), as the scope helpers' settings
// have: a page view's three transactions cost three round trips fewer. Anything else after BEGIN
// gets the BEGIN first, as node-postgres would have sent it. The transactions stay transactions.
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { holdBeginForNextStatement, type HeldStatements } from "@/db/begin-with-next-statement";
import { withSystem, withTenant } from "@/db/scopes";
import { flows } from "@/db/schema";
import { createTenant } from "../support/fixtures";

// A raw result's rows (tests may not import db/client, where rowsOf lives).
const rowsOf = <T,>(result: unknown) => (result as { rows: T[] }).rows;

/** A stand-in connection that records what reaches it and answers each simple query with one result per statement. */
function recordingClient() {
  const sent: unknown[][] = [];
  const client = {
    query: (...args: unknown[]) => {
      sent.push(args);
      const text = typeof args[0] === "string" ? args[0] : (args[0] as { text: string }).text;
      const results = text.split(";").map((statement) => ({ command: statement.trim().split(" ")[0]!.toUpperCase(), rows: [{ statement: statement.trim() }] }));
      const answer = results.length > 1 ? results : results[0];
      const callback = args.find((arg) => typeof arg === "function") as ((error: null, result: unknown) => void) | undefined;
      if (callback) return void callback(null, answer);
      return Promise.resolve(answer);
    },
  };
  holdBeginForNextStatement(client as never);
  const held = client as unknown as HeldStatements;
  return {
    query: client.query as (...args: unknown[]) => Promise<{ command: string; rows: { statement: string }[] }>,
    sent,
    sendBeforeNextStatement: (text: string) => held.sendBeforeNextStatement(text),
  };
}

describe("BEGIN with the next statement", () => {
  it("sends BEGIN and a parameterless statement as one message, answering with the statement's result", async () => {
    const { query, sent } = recordingClient();
    expect(await query("begin")).toMatchObject({ command: "BEGIN" });
    expect(sent).toEqual([]);
    const settings = "select set_config('app.tenant_id', 'x', true)";
    expect(await query({ text: settings })).toMatchObject({ command: "SELECT", rows: [{ statement: settings }] });
    expect(sent).toEqual([[{ text: `begin; ${settings}` }]]);
    // Later statements go as they are.
    await query({ text: "select $1::int", values: [1] });
    await query("commit");
    expect(sent.slice(1)).toEqual([[{ text: "select $1::int", values: [1] }], ["commit"]]);
  });

  it("sends BEGIN first when the next statement has parameters, a name, a row mode, a stream or a callback", async () => {
    const nextStatements: unknown[][] = [
      [{ text: "select $1::int" }, [1]],
      [{ text: "select $1::int", values: [1] }],
      [{ text: "select 1", name: "prepared" }],
      [{ text: "select 1", rowMode: "array" }],
      [{ text: "select 1", submit: () => {} }],
      ["select 1", () => {}],
    ];
    for (const next of nextStatements) {
      const { query, sent } = recordingClient();
      await query("begin");
      await query(...next);
      expect(sent).toEqual([["begin"], next]);
    }
  });

  it("passes everything through outside a held BEGIN", async () => {
    const { query, sent } = recordingClient();
    await query("select 1");
    await query({ text: "select $1::int", values: [2] });
    expect(sent).toEqual([["select 1"], [{ text: "select $1::int", values: [2] }]]);
    await query("BEGIN");
    await query("commit");
    expect(sent.slice(2)).toEqual([["begin; commit"]]);
  });
});

describe("statements held for the next one (sendBeforeNextStatement)", () => {
  const putBack = "select set_config('enable_sort', 'on', true)";

  it("go in one message with a parameterless next statement, answering with that statement's result", async () => {
    const { query, sent, sendBeforeNextStatement } = recordingClient();
    sendBeforeNextStatement(putBack);
    expect(sent).toEqual([]);
    expect(await query({ text: "select 2" })).toMatchObject({ rows: [{ statement: "select 2" }] });
    expect(sent).toEqual([[{ text: `${putBack}; select 2` }]]);
    // Once: the statement after goes as it is.
    await query("select 3");
    expect(sent.slice(1)).toEqual([["select 3"]]);
  });

  it("go first, on their own, before a next statement with parameters or a callback", async () => {
    for (const next of [[{ text: "select $1::int", values: [1] }], ["select 1", () => {}]] as unknown[][]) {
      const { query, sent, sendBeforeNextStatement } = recordingClient();
      sendBeforeNextStatement(putBack);
      await query(...next);
      expect(sent).toEqual([[putBack], next]);
    }
  });

  it("are dropped when the transaction ends next (COMMIT or ROLLBACK): its local settings end with it", async () => {
    for (const end of ["commit", "ROLLBACK", { text: "commit" }]) {
      const { query, sent, sendBeforeNextStatement } = recordingClient();
      sendBeforeNextStatement(putBack);
      await query(end);
      expect(sent).toEqual([[end]]);
    }
  });

  it("several held go together, in the order held", async () => {
    const { query, sent, sendBeforeNextStatement } = recordingClient();
    sendBeforeNextStatement("select 'a'");
    sendBeforeNextStatement("select 'b'");
    await query("select 'c'");
    expect(sent).toEqual([["select 'a'; select 'b'; select 'c'"]]);
  });
});

describe("a scope's transaction, with BEGIN sent alongside its settings", () => {
  it("is one transaction: its statements share it, see the settings, and roll back together", async () => {
    const tenant = await createTenant("begin-together");
    const inside = await withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return rowsOf<{ spans: boolean; tenant: string }>(
        await tx.execute(sql`select transaction_timestamp() < statement_timestamp() as spans, current_setting('app.tenant_id') as tenant`),
      )[0]!;
    });
    expect(inside).toEqual({ spans: true, tenant: tenant.id });

    const failed = withTenant({ tenantId: tenant.id, userId: null }, async (tx) => {
      await tx.insert(flows).values({ tenantId: tenant.id, name: "rolled back" });
      throw new Error("fails after the insert");
    });
    await expect(failed).rejects.toThrow("fails after the insert");
    const left = await withTenant({ tenantId: tenant.id, userId: null }, (tx) => tx.select().from(flows).where(eq(flows.tenantId, tenant.id)));
    expect(left).toEqual([]);
    // The settings end with the transaction: the next one starts without them.
    expect(rowsOf<{ tenant: string }>(await withSystem((tx) => tx.execute(sql`select current_setting('app.tenant_id') as tenant`)))).toEqual([{ tenant: "" }]);
  });

  it("holds the settings as literals: a value with quotes is a value, not SQL", async () => {
    const odd = "x'); select pg_sleep(5); --";
    // No table is read, so no policy casts it: the setting holds the value verbatim.
    const seen = await withTenant({ tenantId: odd, userId: null }, async (tx) =>
      rowsOf<{ tenant: string }>(await tx.execute(sql`select current_setting('app.tenant_id') as tenant`)),
    );
    expect(seen).toEqual([{ tenant: odd }]);
  });
});
