// Which address the app takes as the client's (TRUSTED_PROXIES and the socket's peer). A wrong
// reading here spreads one attacker over many per-IP rate-limit buckets or writes a forged address
// into the activity log; tests/config/client-ip.test.ts covers the same through a real server.
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddressOf, parseTrustedProxies } from "@/lib/trusted-proxies";

/** A request as node:http hands it over: the socket's peer and what the client sent as X-Forwarded-For. */
function request(peer: string | undefined, forwardedFor?: string): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} } as unknown as IncomingMessage;
}

const CHAIN = "203.0.113.9, 198.51.100.7, 10.0.0.3, 10.0.0.2";

describe("TRUSTED_PROXIES", () => {
  it("as a number of hops reads that many X-Forwarded-For entries from the right, also past nine and with spaces around", () => {
    expect(clientAddressOf(request("10.0.0.1", CHAIN), parseTrustedProxies(" 1 "))).toBe("10.0.0.2");
    expect(clientAddressOf(request("10.0.0.1", CHAIN), parseTrustedProxies("2"))).toBe("10.0.0.3");
    // Ten hops trust the whole chain: the leftmost entry is the client.
    expect(clientAddressOf(request("10.0.0.1", CHAIN), parseTrustedProxies("10"))).toBe("203.0.113.9");
  });

  it("as a list takes entries with stray commas and spaces, and trusts only the proxies named", () => {
    const trust = parseTrustedProxies(" 10.0.0.0/8, ,loopback, ");
    expect(clientAddressOf(request("10.0.0.1", CHAIN), trust)).toBe("198.51.100.7");
    expect(clientAddressOf(request("192.0.2.1", CHAIN), trust)).toBe("192.0.2.1");
  });

  it("unset or blank trusts nobody: a forged X-Forwarded-For changes nothing", () => {
    for (const setting of [undefined, "", "  "]) {
      expect(clientAddressOf(request("192.0.2.1", CHAIN), parseTrustedProxies(setting))).toBe("192.0.2.1");
    }
  });
});

describe("the client's address", () => {
  it("is null for a socket that has already closed (no peer address), never a forwarded one", () => {
    expect(clientAddressOf(request(undefined, CHAIN), parseTrustedProxies("1"))).toBeNull();
  });

  it("counts an IPv4 peer on a dual-stack socket (::ffff:a.b.c.d) as the IPv4 address, so both forms share one bucket", () => {
    expect(clientAddressOf(request("::ffff:192.168.100.200"), parseTrustedProxies(undefined))).toBe("192.168.100.200");
    expect(clientAddressOf(request("::FFFF:127.0.0.1"), parseTrustedProxies(undefined))).toBe("127.0.0.1");
  });

  it("keeps any other IPv6 address whole, even one that contains ::ffff:", () => {
    for (const address of ["2001:db8::ffff:192.0.2.1", "::ffff:192.0.2.1000", "2001:db8::1"]) {
      expect(clientAddressOf(request(address), parseTrustedProxies(undefined))).toBe(address);
    }
  });
});
