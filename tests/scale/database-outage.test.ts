// What users see when the database goes away under them: an action whose backend is terminated
// mid-transaction answers the typed retryable refusal and leaves nothing written; a page request that
// fails because the database is unreachable answers 503 with Retry-After, while any other failure
// stays a 500.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryOnce } from "@/db/admin";
import { DatabaseUnavailableError, isDatabaseUnavailable, noteDatabaseFailure, runNotingDatabaseOutage } from "@/db/availability";
import { withTenant } from "@/db/scopes";
import { flows } from "@/db/schema";
import { createTenant, createUser, addMember } from "../support/fixtures";
import { signInAs } from "../support/session";

vi.mock("@/lib/auth", async () => {
  const { currentSession } = await import("../support/session");
  return { auth: async () => (currentSession.user ? { user: currentSession.user } : null) };
});

const { tenantAction } = await import("@/lib/actions/tenant-action");
const { RETRYABLE_MESSAGE } = await import("@/lib/actions/retryable");
const { createRequestListener } = await import("@/lib/request-listener");
const { parseTrustedProxies } = await import("@/lib/trusted-proxies");
const { getSessionUser } = await import("@/lib/actor");

const ownerUrl = inject("migrationDatabaseUrl");

// Writes a flow, then has its own backend terminated (as pg_terminate_backend or a restart would),
// then tries to go on.
const createFlowThenLoseConnection = tenantAction({
  name: "test.create-flow-then-lose-connection",
  permission: "flows.write",
  input: z.object({ name: z.string() }),
  async run({ tx, actor, input }) {
    await tx.insert(flows).values({ tenantId: actor.tenant.id, name: input.name });
    const [backend] = (await tx.execute(sql`select pg_backend_pid() as pid`) as unknown as { rows: { pid: number }[] }).rows;
    await queryOnce(ownerUrl, "select pg_terminate_backend($1)", [backend!.pid]);
    await tx.execute(sql`select 1`);
    return { data: null, activity: { action: "flow.created", targetType: "flow", summary: input.name } };
  },
});

describe("recognising an unavailable database", () => {
  it.each([
    ["a terminated backend", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })],
    ["PgBouncer without a server", Object.assign(new Error("query_wait_timeout"), { code: "08P01" })],
    ["a refused socket, wrapped by drizzle", Object.assign(new Error("Failed query: select 1"), { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6432"), { code: "ECONNREFUSED" }) })],
    ["a dropped socket", new Error("Connection terminated unexpectedly")],
    ["a statement timeout", Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" })],
  ])("%s", (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", Object.assign(new Error("duplicate key"), { code: "23505" })],
    ["a permission refusal", Object.assign(new Error("permission denied for table flows"), { code: "42501" })],
    ["a bug", new TypeError("Cannot read properties of undefined")],
    ["no error at all", undefined],
  ])("not %s", (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe.runIf(ownerUrl)("an action whose connection dies mid-transaction (PostgreSQL)", () => {
  let tenant: { id: string; slug: string };

  beforeAll(async () => {
    tenant = await createTenant("outage", { license: "enterprise" });
    const editor = await createUser("outage-editor");
    await addMember(tenant.id, editor.id, ["editor"]);
    signInAs(editor);
  });

  it("answers the typed retryable refusal and leaves nothing written", async () => {
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    const name = `half-written ${Date.now()}`;
    const result = await createFlowThenLoseConnection(tenant.slug, null, { name });
    expect(result).toEqual({ ok: false, code: "RETRYABLE", message: RETRYABLE_MESSAGE });
    expect(warned).toHaveBeenCalledWith(expect.stringContaining("database unavailable, rolled back"));
    warned.mockRestore();
    const rows = await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.select().from(flows).where(and(eq(flows.tenantId, tenant.id), eq(flows.name, name))),
    );
    expect(rows).toEqual([]);
  });
});

describe("no session because the session lookup failed", () => {
  // Auth.js logs its adapter's error and answers "no session"; the scope helper noted the outage.
  it("is an outage, not a signed-out user sent to the sign-in page", async () => {
    signInAs(null);
    const outage = { databaseUnavailable: true };
    const failing = runNotingDatabaseOutage(outage, () => getSessionUser());
    await expect(failing).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(isDatabaseUnavailable(await failing.catch((error: unknown) => error))).toBe(true);
  });

  it("while the database answers, no session is just signed out", async () => {
    signInAs(null);
    expect(await runNotingDatabaseOutage({ databaseUnavailable: false }, () => getSessionUser())).toBeNull();
    expect(await getSessionUser()).toBeNull();
  });
});

describe("the status of a page that fails", () => {
  let server: http.Server;
  let base: string;
  const outage = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });

  beforeAll(async () => {
    // As server.ts wires it, with a stand-in for Next.js that fails the way a page does (status 500).
    const listener = createRequestListener(async (request, response) => {
      if (request.url === "/database-down") noteDatabaseFailure(outage);
      if (request.url === "/bug") noteDatabaseFailure(new TypeError("a bug"));
      response.statusCode = 500;
      response.end("Something went wrong");
    }, parseTrustedProxies(undefined));
    server = http.createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("is 503 with Retry-After when the database was unavailable", async () => {
    const response = await fetch(`${base}/database-down`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.text()).toBe("Something went wrong");
  });

  it("stays 500 for any other failure", async () => {
    const response = await fetch(`${base}/bug`);
    expect(response.status).toBe(500);
    expect(response.headers.get("retry-after")).toBeNull();
  });
});
