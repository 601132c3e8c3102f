import "server-only";
import { currentClientAddress } from "./request-address";

/**
 * The caller's IP: the socket's peer, or the address a configured proxy forwarded (TRUSTED_PROXIES,
 * resolved once per request by server.ts). Request headers alone never decide it. Null outside a
 * request served by server.ts.
 */
export async function clientIp(): Promise<string | null> {
  return currentClientAddress();
}
