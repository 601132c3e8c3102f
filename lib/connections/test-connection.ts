// "Test connection": really calls the target, with a bounded time, and answers in words (never a
// stack trace). HTTP API: one GET to the base URL with the auth header, on a socket whose address is
// checked (lib/connections/outbound-address.ts), following no redirect. SMTP: connect, EHLO and AUTH
// (nodemailer's verify) to the checked address. Incoming webhook: its URL answers when the connection
// is active (the receiving route is this server's own).
import "server-only";
import http from "node:http";
import https from "node:https";
import nodemailer from "nodemailer";
import type { ConnectorKey } from "./catalog";
import type { ConnectionSecrets, ConnectionSettings } from "./connection-config";
import { isIP } from "node:net";
import { guardedLookup, RefusedAddressError, refusalOf, resolveAllowed } from "./outbound-address";

export interface TestOutcome {
  ok: boolean;
  message: string;
}

/** How long a test may take (CONNECTION_TEST_TIMEOUT_MS, 5 s by default). */
export const testTimeoutMs = () => Number(process.env.CONNECTION_TEST_TIMEOUT_MS) || 5_000;

class TimedOut extends Error {}

/** A network error in words: the refusal of an address as it is, the usual socket errors named. */
function describeError(error: unknown, target: string, timeoutMs: number): string {
  if (error instanceof RefusedAddressError) return error.message;
  if (error instanceof TimedOut) return `${target} did not answer within ${timeoutMs / 1000} seconds.`;
  const raw = (error as NodeJS.ErrnoException | null)?.code;
  // nodemailer wraps socket errors as ESOCKET / ECONNECTION; the socket's own code is in the message.
  const code = raw === "ESOCKET" || raw === "ECONNECTION" ? (/\b(E[A-Z]+)\b/.exec((error as Error).message)?.[1] ?? raw) : raw;
  if (code === "ETIMEDOUT" || code === "ETIMEOUT") return `${target} did not answer within ${timeoutMs / 1000} seconds.`;
  if (code === "ECONNREFUSED") return `${target} refused the connection.`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `${target}: no such host.`;
  if (code === "ECONNRESET") return `${target} closed the connection.`;
  if (code === "EAUTH") return `${target} refused the user name or password.`;
  if (typeof code === "string" && code.startsWith("ERR_TLS") || code === "DEPTH_ZERO_SELF_SIGNED_CERT" || code === "CERT_HAS_EXPIRED") {
    return `${target}: its TLS certificate could not be verified.`;
  }
  return `Could not connect to ${target}${code ? ` (${code})` : ""}.`;
}

function testHttpApi(settings: ConnectionSettings, secrets: ConnectionSecrets, timeoutMs: number): Promise<TestOutcome> {
  const url = new URL(String(settings.baseUrl));
  const authorization =
    settings.authType === "basic"
      ? `Basic ${Buffer.from(`${String(settings.username)}:${secrets.password ?? ""}`).toString("base64")}`
      : `Bearer ${secrets.token ?? ""}`;
  const client = url.protocol === "https:" ? https : http;
  // Node calls no lookup for an IP address in the URL: checked here instead.
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  const refused = isIP(literal) ? refusalOf(literal) : null;
  if (refused) return Promise.resolve({ ok: false, message: refused });
  return new Promise<TestOutcome>((resolve) => {
    const request = client.request(
      url,
      { method: "GET", headers: { authorization, accept: "application/json, */*" }, lookup: guardedLookup, timeout: timeoutMs, agent: false },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve({ ok: true, message: `${url.host} answered HTTP ${status}.` });
        else if (status === 401 || status === 403) resolve({ ok: false, message: `${url.host} refused the credentials (HTTP ${status}).` });
        else if (status >= 300 && status < 400) resolve({ ok: false, message: `${url.host} answered with a redirect (HTTP ${status}); redirects are not followed. Use the final URL.` });
        else resolve({ ok: false, message: `${url.host} answered HTTP ${status}.` });
      },
    );
    // The whole exchange is bounded, not only the socket's idle time.
    const deadline = setTimeout(() => request.destroy(new TimedOut()), timeoutMs);
    request.on("timeout", () => request.destroy(new TimedOut()));
    request.on("error", (error) => resolve({ ok: false, message: describeError(error, url.host, timeoutMs) }));
    request.on("close", () => clearTimeout(deadline));
    request.end();
  });
}

async function testSmtp(settings: ConnectionSettings, secrets: ConnectionSecrets, timeoutMs: number): Promise<TestOutcome> {
  const host = String(settings.host);
  const port = Number(settings.port);
  const target = `${host}:${port}`;
  let deadline: NodeJS.Timeout | undefined;
  try {
    // nodemailer takes no lookup hook: it connects to the address checked here, naming the host for TLS.
    const address = await resolveAllowed(host);
    const transport = nodemailer.createTransport({
      host: address,
      port,
      // TLS: implicit on 465, STARTTLS required on any other port.
      secure: settings.tls === true && port === 465,
      requireTLS: settings.tls === true && port !== 465,
      tls: { servername: host },
      auth: settings.username ? { user: String(settings.username), pass: secrets.password ?? "" } : undefined,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    const timedOut = new Promise<never>((_, reject) => (deadline = setTimeout(() => reject(new TimedOut()), timeoutMs)));
    try {
      await Promise.race([transport.verify(), timedOut]);
    } finally {
      transport.close();
    }
    return { ok: true, message: `${target} accepted the connection${settings.username ? " and the sign-in" : ""}.` };
  } catch (error) {
    return { ok: false, message: describeError(error, target, timeoutMs) };
  } finally {
    clearTimeout(deadline);
  }
}

export async function testConnection(
  connector: ConnectorKey,
  connection: { settings: ConnectionSettings; secrets: ConnectionSecrets; active: boolean },
  timeoutMs = testTimeoutMs(),
): Promise<TestOutcome> {
  if (connector === "http_api") return testHttpApi(connection.settings, connection.secrets, timeoutMs);
  if (connector === "smtp") return testSmtp(connection.settings, connection.secrets, timeoutMs);
  return connection.active
    ? { ok: true, message: "The webhook URL accepts POST requests." }
    : { ok: false, message: "The connection is inactive: its webhook URL refuses POST requests. Activate it first." };
}
