// "Test connection" really calls the target: an HTTP server and an SMTP server this file starts on
// 127.0.0.1 (allowed by CONNECTIONS_ALLOW_LOCAL_TARGETS=1, as in the e2e run). Success keeps the
// connection active; a refusal (401), a timeout, a redirect or a refused address sets it failing
// with the reason shown, never a stack trace. SSRF: the metadata service and other link-local,
// unspecified and (without the variable) local addresses are refused before any byte is sent.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SMTPServer } from "smtp-server";
import { refusalOf } from "@/lib/connections/outbound-address";
import { testConnection } from "@/lib/connections/test-connection";
import { createTwoTenants } from "../support/fixtures";
import { actingAs } from "../support/session";
import { connectionRow, entriesOf, httpApiFields, seedConnection } from "./connections-support";

vi.mock("@/lib/auth", async () => ({ auth: async () => (await import("../support/session")).mockedSession() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createConnection, testConnectionAction, deactivateConnection } = await import("@/app/t/[slug]/connections/actions");

const TOKEN = "good-token-123456";
let world: Awaited<ReturnType<typeof createTwoTenants>>;
let server: http.Server;
let base: string;
const seen: { path: string; authorization: string | undefined }[] = [];

/** A target with a route per behaviour: /ok checks the bearer token, /hang never answers, /moved redirects elsewhere. */
function startTarget(): Promise<void> {
  server = http.createServer((request, response) => {
    seen.push({ path: request.url ?? "", authorization: request.headers.authorization });
    if (request.url?.startsWith("/hang")) return; // never answers
    if (request.url?.startsWith("/moved")) {
      response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      return;
    }
    const basic = `Basic ${Buffer.from("ada:open-sesame").toString("base64")}`;
    const allowed = request.headers.authorization === `Bearer ${TOKEN}` || request.headers.authorization === basic;
    response.writeHead(allowed ? 200 : 401, { "content-type": "application/json" }).end(allowed ? '{"ok":true}' : '{"error":"unauthorized"}');
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    resolve();
  }));
}

beforeAll(async () => {
  world = await createTwoTenants();
  await startTarget();
});
afterAll(() => new Promise<void>((resolve) => {
  server.closeAllConnections();
  server.close(() => resolve());
}));
afterEach(() => vi.unstubAllEnvs());

const allowLocal = () => vi.stubEnv("CONNECTIONS_ALLOW_LOCAL_TARGETS", "1");

async function testAs(fields: Record<string, unknown>) {
  const connection = await seedConnection(createConnection, world.a.slug, world.adminA, fields);
  const result = await actingAs(world.adminA, () => testConnectionAction(world.a.slug, null, { connectionId: connection.id }));
  return { connection, result: result as { ok: boolean; data: { ok: boolean; status: string; message: string }; message?: string }, row: await connectionRow(world.a.id, connection.id) };
}

describe("HTTP API", () => {
  it("a GET to the base URL with the bearer token: success keeps it active and records the test", async () => {
    allowLocal();
    const { connection, result, row } = await testAs(httpApiFields(`${base}/ok`, TOKEN));
    expect(result).toMatchObject({ ok: true, data: { ok: true, status: "active", message: expect.stringMatching(/HTTP 200/) } });
    expect(seen.at(-1)).toEqual({ path: "/ok", authorization: `Bearer ${TOKEN}` });
    expect(row).toMatchObject({ status: "active", lastError: null });
    expect(row?.lastTestedAt).toBeInstanceOf(Date);
    const [entry] = (await entriesOf(world.a.id, "connection.tested")).filter((e) => e.targetId === connection.id);
    expect(entry?.details).toMatchObject({ ok: true, status: "active" });
    expect(JSON.stringify(entry)).not.toContain(TOKEN);
  });

  it("sends basic auth as the header says", async () => {
    allowLocal();
    const { result } = await testAs({ connector: "http_api", baseUrl: `${base}/ok`, authType: "basic", username: "ada", password: "open-sesame" });
    expect(result.data).toMatchObject({ ok: true, status: "active" });
  });

  it("401: failing, with the reason shown (and the entry saying so)", async () => {
    allowLocal();
    const { result, row } = await testAs(httpApiFields(`${base}/ok`, "wrong-token"));
    expect(result).toMatchObject({ ok: true, data: { ok: false, status: "failing" } });
    expect(row?.status).toBe("failing");
    expect(row?.lastError).toMatch(/refused the credentials \(HTTP 401\)/);
    expect(row?.lastError).not.toMatch(/\bat \w+ \(|Error:/);
  });

  it("no answer in time: failing with a timeout message, within the bound", async () => {
    allowLocal();
    vi.stubEnv("CONNECTION_TEST_TIMEOUT_MS", "400");
    const started = Date.now();
    const { row } = await testAs(httpApiFields(`${base}/hang`, TOKEN));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(row).toMatchObject({ status: "failing", lastError: expect.stringMatching(/did not answer within 0.4 seconds/) });
  });

  it("a redirect is not followed (here to the metadata service): failing", async () => {
    allowLocal();
    const before = seen.length;
    const { row } = await testAs(httpApiFields(`${base}/moved`, TOKEN));
    expect(row).toMatchObject({ status: "failing", lastError: expect.stringMatching(/redirect \(HTTP 302\); redirects are not followed/) });
    expect(seen.slice(before).map((request) => request.path)).toEqual(["/moved"]);
  });

  it("a failing connection that works again is active again; an inactive one stays inactive", async () => {
    allowLocal();
    const { connection } = await testAs(httpApiFields(`${base}/ok`, TOKEN));
    await actingAs(world.adminA, () => deactivateConnection(world.a.slug, null, { connectionId: connection.id }));
    await actingAs(world.adminA, () => testConnectionAction(world.a.slug, null, { connectionId: connection.id }));
    expect((await connectionRow(world.a.id, connection.id))?.status).toBe("inactive");
  });
});

describe("SSRF", () => {
  it("refuses the metadata service, link-local, unspecified and multicast addresses whatever the variable says", () => {
    for (const address of ["169.254.169.254", "169.254.0.1", "fe80::1", "0.0.0.0", "::", "224.0.0.1", "255.255.255.255", "::ffff:169.254.169.254"]) {
      expect(refusalOf(address, true), address).not.toBeNull();
    }
  });

  it("refuses loopback, private, unique-local and carrier-grade NAT addresses unless local targets are allowed", () => {
    for (const address of ["127.0.0.1", "10.0.0.5", "172.16.3.4", "192.168.1.1", "::1", "fd00:ec2::254", "100.100.100.200", "::ffff:127.0.0.1"]) {
      expect(refusalOf(address, false), address).not.toBeNull();
      expect(refusalOf(address, true), address).toBeNull();
    }
    expect(refusalOf("93.184.216.34", false)).toBeNull();
  });

  it("a connection to the metadata service is failing with the refusal, and nothing is sent", async () => {
    allowLocal();
    for (const url of ["http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/", "http://0.0.0.0:80/"]) {
      const { row } = await testAs(httpApiFields(url, TOKEN));
      expect(row, url).toMatchObject({ status: "failing", lastError: expect.stringMatching(/not allowed/) });
    }
  });

  it("without the variable, the test server itself (127.0.0.1, and localhost by name) is refused before any request", async () => {
    const before = seen.length;
    for (const url of [`${base}/ok`, base.replace("127.0.0.1", "localhost")]) {
      const outcome = await testConnection("http_api", { settings: { baseUrl: url, authType: "bearer" }, secrets: { token: TOKEN }, active: true }, 1_000);
      expect(outcome, url).toMatchObject({ ok: false, message: expect.stringMatching(/not allowed/) });
    }
    expect(seen.length).toBe(before);
  });
});

describe("SMTP", () => {
  let smtp: SMTPServer;
  let port: number;
  beforeAll(async () => {
    smtp = new SMTPServer({
      logger: false,
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === "mailer" && auth.password === "smtp-secret") return callback(null, { user: auth.username });
        callback(new Error("Invalid username or password"));
      },
    });
    port = await new Promise<number>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve((smtp.server.address() as AddressInfo).port)));
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  it("connects, says EHLO and signs in (nodemailer verify): active", async () => {
    allowLocal();
    const { result, row } = await testAs({ connector: "smtp", host: "127.0.0.1", port: String(port), username: "mailer", password: "smtp-secret" });
    expect(result.data).toMatchObject({ ok: true, status: "active", message: expect.stringMatching(/accepted the connection and the sign-in/) });
    expect(row?.status).toBe("active");
  });

  it("a wrong password is failing, with the reason", async () => {
    allowLocal();
    const { row } = await testAs({ connector: "smtp", host: "127.0.0.1", port: String(port), username: "mailer", password: "nope" });
    expect(row).toMatchObject({ status: "failing", lastError: expect.stringMatching(/refused the user name or password/) });
  });

  it("nothing listening: failing; TLS required but not offered: failing", async () => {
    allowLocal();
    const closed = await testAs({ connector: "smtp", host: "127.0.0.1", port: "1", username: "mailer", password: "smtp-secret" });
    expect(closed.row).toMatchObject({ status: "failing", lastError: expect.stringMatching(/refused the connection/) });
    const noTls = await testAs({ connector: "smtp", host: "127.0.0.1", port: String(port), tls: "on", username: "mailer", password: "smtp-secret" });
    expect(noTls.row?.status).toBe("failing");
  });

  it("the metadata address is refused for SMTP too", async () => {
    allowLocal();
    const { row } = await testAs({ connector: "smtp", host: "169.254.169.254", port: "25" });
    expect(row).toMatchObject({ status: "failing", lastError: expect.stringMatching(/not allowed/) });
  });
});
