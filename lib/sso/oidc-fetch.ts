// The fetch openid-client uses for a tenant's OpenID provider (discovery, keys, token and UserInfo
// calls): the issuer URL is the tenant Admin's to choose, so every request goes through the same
// outbound-address guard as the connections (lib/connections/outbound-address.ts: no link-local or
// metadata addresses, no loopback or private ones unless CONNECTIONS_ALLOW_LOCAL_TARGETS=1), checked
// on the address actually connected to. No redirect is followed (openid-client asks for "manual"), and
// the answer is bounded in size.
import "server-only";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import type { CustomFetch } from "openid-client";
import { guardedLookup, RefusedAddressError, refusalOf } from "../connections/outbound-address";

/** The largest answer read from a provider (discovery documents and key sets are a few kB). */
const MAX_ANSWER_BYTES = 1024 * 1024;

/** Statuses whose Response may carry no body. */
const BODILESS = new Set([101, 204, 205, 304]);

function bodyBytes(body: unknown): Buffer | null {
  if (body === undefined || body === null) return null;
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new Error("unsupported request body");
}

export const guardedOidcFetch: CustomFetch = (resource, options) => {
  const url = new URL(resource);
  // Node calls no lookup for an IP address in the URL: checked here instead.
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  const refused = isIP(literal) ? refusalOf(literal) : null;
  if (refused) return Promise.reject(new RefusedAddressError(refused));
  const client = url.protocol === "https:" ? https : url.protocol === "http:" ? http : null;
  if (!client) return Promise.reject(new Error(`unsupported protocol ${url.protocol}`));
  const body = bodyBytes(options.body);

  return new Promise<Response>((resolve, reject) => {
    const request = client.request(url, { method: options.method, headers: options.headers, lookup: guardedLookup, agent: false, signal: options.signal }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) request.destroy(new Error(`the provider's answer is larger than ${MAX_ANSWER_BYTES} bytes`));
        else chunks.push(chunk);
      });
      response.on("error", reject);
      response.on("end", () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
        }
        const status = response.statusCode ?? 502;
        resolve(new Response(BODILESS.has(status) ? null : Buffer.concat(chunks), { status, headers }));
      });
    });
    request.on("error", reject);
    request.end(body ?? undefined);
  });
};

/** The refused address behind a failed provider call (openid-client wraps its fetch's errors), or null. */
export function refusedAddressOf(error: unknown): RefusedAddressError | null {
  for (let cause = error, depth = 0; cause && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    if (cause instanceof RefusedAddressError) return cause;
  }
  return null;
}
