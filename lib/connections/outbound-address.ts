// Which addresses "Test connection" may reach (SSRF: a tenant must not make the server call its own
// network or the cloud's metadata service). Checked on the address actually connected to (a lookup
// hook on the socket), so a name that resolves elsewhere later (DNS rebinding) is checked again.
// Link-local (169.254.0.0/16: the metadata services, fe80::/10), unspecified, multicast, broadcast
// and reserved addresses are always refused; loopback, private and carrier-grade NAT ranges too,
// unless CONNECTIONS_ALLOW_LOCAL_TARGETS=1 (the tests' local servers; never set it in production).
import "server-only";
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import ipaddr from "ipaddr.js";

const ALWAYS_REFUSED = new Set(["unspecified", "linkLocal", "multicast", "broadcast", "reserved", "benchmarking", "amt", "as112", "as112v6", "orchid2", "deprecated", "6to4", "teredo", "rfc6052", "rfc6145"]);
const LOCAL = new Set(["loopback", "private", "uniqueLocal", "carrierGradeNat"]);

export const localTargetsAllowed = () => process.env.CONNECTIONS_ALLOW_LOCAL_TARGETS === "1";

export class RefusedAddressError extends Error {}

/** Why the server will not connect to `address`, or null when it may. */
export function refusalOf(address: string, allowLocal = localTargetsAllowed()): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address.`;
  let parsed = ipaddr.parse(address);
  // ::ffff:169.254.169.254 is 169.254.169.254.
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (ALWAYS_REFUSED.has(range)) return `Connections to ${address} are not allowed (${range} address).`;
  if (LOCAL.has(range) && !allowLocal) return `Connections to ${address} are not allowed (a ${range} address of the server's own network).`;
  return null;
}

/** A dns.lookup for sockets that refuses the addresses above (the error is the message the page shows). */
export function guardedLookup(hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const refused = addresses.map((a) => refusalOf(a.address)).find((reason) => reason !== null);
    // Any refused address refuses the name: the socket could pick either of them.
    if (refused) return callback(new RefusedAddressError(refused), "", 0);
    const [first] = addresses;
    if (!first) return callback(new Error(`${hostname} has no address.`), "", 0);
    if (options.all) return callback(null, addresses);
    callback(null, first.address, first.family);
  });
}

/** The one address `hostname` resolves to that the server may connect to (for clients without a lookup hook). */
export function resolveAllowed(hostname: string): Promise<string> {
  return new Promise((resolve, reject) =>
    guardedLookup(hostname, { family: 0 }, (error, address) => (error ? reject(error) : resolve(address as string))),
  );
}
