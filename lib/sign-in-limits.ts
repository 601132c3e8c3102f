import "server-only";
import ipaddr from "ipaddr.js";
import { hitRateLimit, type RateLimitRule } from "@/db/queries/rate-limits";
import type { Tx } from "@/db/scopes";

// Sign-in throttling (issue 10, item 6). Nothing here counts per account or per address alone from
// every IP, with a refusal as the answer: then anyone could lock a user out by failing on their
// behalf from anywhere. Counts are kept per (account or address, IP) and per IP instead, so one
// client's failures refuse only that client. Counted before the password or the address is looked at,
// for unknown addresses too, so the limits neither let guessing through nor reveal which accounts exist.
// Every limit can be set through the environment (the end-to-end suite signs in many times from one IP).

const FIFTEEN_MINUTES = 15 * 60;
const limitFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

/**
 * The client a limit counts, from clientIp(): an IPv4 address (also when written IPv4-mapped, as a
 * dual-stack socket reports it), or an IPv6 address's /64. One subscriber gets at least a /64 and can
 * send from any of its 2^64 addresses, so counting each address alone would let them past every limit.
 * "unknown" when clientIp() cannot say (all such requests share a count).
 */
function ipKey(ip: string | null): string {
  // Stryker disable next-line StringLiteral: equivalent, any constant no address can equal gives the same shared bucket
  if (ip === null) return "unknown";
  // Only a usual IPv6 spelling is widened (no zone id: those are link-local peers the kernel names).
  if (!ip.includes(":") || ip.includes("%") || !ipaddr.IPv6.isValid(ip)) return ip;
  const address = ipaddr.IPv6.parse(ip);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/64`).toString()}/64`;
}

// Magic links. Per (address, IP): one client cannot mail-bomb one inbox. Per IP: one client cannot
// probe many addresses. Per address, over one link's lifetime: many clients together cannot flood an
// inbox either; past it the form answers as usual and mails nothing, so the cap refuses nobody and
// tells the clients flooding it nothing.
export const MAGIC_LINK_LIMITS = {
  perAddressAndIp: { limit: limitFromEnv("MAGIC_LINK_LIMIT_PER_ADDRESS_AND_IP", 5), windowSeconds: FIFTEEN_MINUTES },
  perIp: { limit: limitFromEnv("MAGIC_LINK_LIMIT_PER_IP", 30), windowSeconds: FIFTEEN_MINUTES },
  // The window is a link's lifetime (lib/auth.ts MAGIC_LINK_MINUTES): at most this many live links at once.
  perAddress: { limit: limitFromEnv("MAGIC_LINK_LIMIT_PER_ADDRESS", 10), windowSeconds: 10 * 60 },
} satisfies Record<string, RateLimitRule>;

/** "send": go on; "refuse": tell this client to wait; "drop": answer as usual, mail nothing. */
export type MagicLinkDecision = "send" | "refuse" | "drop";

export async function decideMagicLinkRequest(tx: Tx, email: string, ip: string | null): Promise<MagicLinkDecision> {
  const ipAllowed = await hitRateLimit(tx, `magic-link:ip:${ipKey(ip)}`, MAGIC_LINK_LIMITS.perIp);
  const pairAllowed = await hitRateLimit(tx, `magic-link:address-ip:${email}|${ipKey(ip)}`, MAGIC_LINK_LIMITS.perAddressAndIp);
  if (!ipAllowed || !pairAllowed) return "refuse";
  // Counted only for requests the client limits let through, so one client cannot use up the cap.
  const addressAllowed = await hitRateLimit(tx, `magic-link:address:${email}`, MAGIC_LINK_LIMITS.perAddress);
  return addressAllowed ? "send" : "drop";
}

// Password attempts. Per (account, IP): guessing one account's password from one client. Per IP: one
// client trying passwords across many accounts. A right password from a new IP is not refused because
// of others' failures.
export const PASSWORD_LIMITS = {
  perAccountAndIp: { limit: limitFromEnv("PASSWORD_LIMIT_PER_ACCOUNT_AND_IP", 10), windowSeconds: FIFTEEN_MINUTES },
  perIp: { limit: limitFromEnv("PASSWORD_LIMIT_PER_IP", 50), windowSeconds: FIFTEEN_MINUTES },
} satisfies Record<string, RateLimitRule>;

export async function allowPasswordAttempt(tx: Tx, email: string, ip: string | null): Promise<boolean> {
  const pairAllowed = await hitRateLimit(tx, `password:account-ip:${email}|${ipKey(ip)}`, PASSWORD_LIMITS.perAccountAndIp);
  const ipAllowed = await hitRateLimit(tx, `password:ip:${ipKey(ip)}`, PASSWORD_LIMITS.perIp);
  return pairAllowed && ipAllowed;
}

// "Set password" mails, per account: a signed-in user cannot flood their own inbox.
export const PASSWORD_LINK_LIMIT = { limit: 5, windowSeconds: FIFTEEN_MINUTES };

export function allowPasswordLinkRequest(tx: Tx, userId: string): Promise<boolean> {
  return hitRateLimit(tx, `password-link:user:${userId}`, PASSWORD_LINK_LIMIT);
}

// Two-factor codes, per user: only someone past the first factor (or signed in) can try one, so
// counting per account locks out nobody else; 6 digits cannot be walked through at this rate.
export const TWO_FACTOR_CODE_LIMIT = { limit: limitFromEnv("TWO_FACTOR_CODE_LIMIT_PER_USER", 5), windowSeconds: FIFTEEN_MINUTES };

export function allowTwoFactorAttempt(tx: Tx, userId: string): Promise<boolean> {
  return hitRateLimit(tx, `two-factor:user:${userId}`, TWO_FACTOR_CODE_LIMIT);
}
