// "Test connection" holds no lock while it calls the target: the connection is read in one
// transaction, the target called with none open, and the status recorded in a second transaction
// that re-checks the connection. Here the target (an HTTP server this file starts) holds its answer
// until the test releases it: meanwhile another write to the connection goes through at once; a test
// whose connection was changed or deleted meanwhile records nothing (it tested settings that are gone).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTwoTenants } from "../support/fixtures";
import { actingAs } from "../support/session";
import { and, eq } from "drizzle-orm";
import { connections } from "@/db/schema";
import { connectionRow, entriesOf, httpApiFields, inTenant, seedConnection } from "./connections-support";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createConnection, testConnectionAction, updateConnectionAction, deleteConnection } = await import("@/app/t/[slug]/connections/actions");

let world: Awaited<ReturnType<typeof createTwoTenants>>;
let server: http.Server;
let base: string;
/** Answers held by the target, and a waiter told when the next request arrives. */
const held: http.ServerResponse[] = [];
let arrived: () => void = () => {};

beforeAll(async () => {
  world = await createTwoTenants();
  server = http.createServer((_request, response) => {
    held.push(response);
    arrived();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => {
  server.closeAllConnections();
  server.close(() => resolve());
}));
beforeEach(() => {
  vi.stubEnv("CONNECTIONS_ALLOW_LOCAL_TARGETS", "1");
  vi.stubEnv("CONNECTION_TEST_TIMEOUT_MS", "20000");
  return () => vi.unstubAllEnvs();
});

const release = () => held.splice(0).forEach((response) => response.writeHead(200, { "content-type": "application/json" }).end("{}"));

/** Starts "Test connection" and resolves once the target holds its request (the test is mid-call). */
async function startTest(connectionId: string) {
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  const test = actingAs(world.adminA, () => testConnectionAction(world.a.slug, null, { connectionId }));
  await reached;
  // Wrapped: an async function returning the promise itself would wait for it.
  return { test };
}

/** `work`, or "blocked" when it has not finished within `ms`. */
const within = <T,>(ms: number, work: Promise<T>) => Promise.race([work, new Promise<"blocked">((resolve) => setTimeout(() => resolve("blocked"), ms))]);

describe("Test connection while the target has not answered", () => {
  it("does not block an edit of the connection; the test then records nothing, saying it was changed", async () => {
    const connection = await seedConnection(createConnection, world.a.slug, world.adminA, httpApiFields(`${base}/held`));
    const { test } = await startTest(connection.id);
    const edit = await within(3000, actingAs(world.adminA, () => updateConnectionAction(world.a.slug, null, { connectionId: connection.id, name: "Renamed meanwhile", baseUrl: `${base}/held` })));
    release();
    expect(edit).toMatchObject({ ok: true });
    const result = await test;
    expect(result).toMatchObject({ ok: false, code: "CONFLICT", message: "The connection was changed while it was being tested. Test it again." });
    expect(await connectionRow(world.a.id, connection.id)).toMatchObject({ name: "Renamed meanwhile", status: "active", lastTestedAt: null });
    expect((await entriesOf(world.a.id, "connection.tested")).filter((entry) => entry.targetId === connection.id)).toEqual([]);
  });

  it("sees a change meanwhile that left updated_at as it was (two writes within its resolution): refused, nothing recorded", async () => {
    const connection = await seedConnection(createConnection, world.a.slug, world.adminA, httpApiFields(`${base}/held`));
    const before = (await connectionRow(world.a.id, connection.id))!;
    const { test } = await startTest(connection.id);
    const edit = await within(3000, actingAs(world.adminA, () => updateConnectionAction(world.a.slug, null, { connectionId: connection.id, name: "Same instant", baseUrl: `${base}/held` })));
    expect(edit).toMatchObject({ ok: true });
    // The clock says nothing changed: the edit's time is the one the test read.
    await inTenant(world.a.id, (tx) => tx.update(connections).set({ updatedAt: before.updatedAt }).where(and(eq(connections.tenantId, world.a.id), eq(connections.id, connection.id))));
    expect((await connectionRow(world.a.id, connection.id))!.updatedAt).toEqual(before.updatedAt);
    release();
    expect(await test).toMatchObject({ ok: false, code: "CONFLICT", message: "The connection was changed while it was being tested. Test it again." });
    expect(await connectionRow(world.a.id, connection.id)).toMatchObject({ name: "Same instant", status: "active", lastTestedAt: null, version: before.version + 1 });
    expect((await entriesOf(world.a.id, "connection.tested")).filter((entry) => entry.targetId === connection.id)).toEqual([]);
  });

  it("does not block deleting it; the test then finds it gone (not found)", async () => {
    const connection = await seedConnection(createConnection, world.a.slug, world.adminA, httpApiFields(`${base}/held`));
    const { test } = await startTest(connection.id);
    const removed = await within(3000, actingAs(world.adminA, () => deleteConnection(world.a.slug, null, { connectionId: connection.id })));
    release();
    expect(removed).toMatchObject({ ok: true });
    expect(await test).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await connectionRow(world.a.id, connection.id)).toBeNull();
  });

  it("records the outcome when nothing changed meanwhile", async () => {
    const connection = await seedConnection(createConnection, world.a.slug, world.adminA, httpApiFields(`${base}/held`));
    const { test } = await startTest(connection.id);
    release();
    expect(await test).toMatchObject({ ok: true, data: { ok: true, status: "active" } });
    expect((await connectionRow(world.a.id, connection.id))?.lastTestedAt).toBeInstanceOf(Date);
  });
});
