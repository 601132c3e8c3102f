// Which peers may tell us the client's address. TRUSTED_PROXIES is either a number of proxy hops in
// front of the app (e.g. 1 for one load balancer) or a comma list of the proxies' addresses or CIDRs
// (proxy-addr also knows the names loopback, linklocal and uniquelocal). Unset: nobody is trusted
// and the client is the socket's peer, whatever X-Forwarded-For says.
import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

export type TrustProxy = (address: string, hop: number) => boolean;

const trustNobody: TrustProxy = () => false;

/** Reads TRUSTED_PROXIES; throws with a readable message when it cannot be parsed. */
export function parseTrustedProxies(value: string | undefined): TrustProxy {
  const setting = value?.trim();
  if (!setting) return trustNobody;
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    // Hop 0 is the socket's peer; each trusted hop lets us read one more X-Forwarded-For entry from the right.
    return (_address, hop) => hop < hops;
  }
  const list = setting.split(",").map((entry) => entry.trim()).filter(Boolean);
  try {
    return proxyaddr.compile(list);
  } catch (error) {
    throw new Error(`TRUSTED_PROXIES must be a number of hops or a comma list of addresses/CIDRs: ${(error as Error).message}`);
  }
}

/** The client's address: the socket's peer, or the X-Forwarded-For entry added by the nearest trusted proxy. */
export function clientAddressOf(request: IncomingMessage, trust: TrustProxy): string | null {
  if (!request.socket.remoteAddress) return null;
  return withoutIpv4Mapping(proxyaddr(request, trust));
}

// A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; count them as the IPv4 address they are.
function withoutIpv4Mapping(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1]! : address;
}
