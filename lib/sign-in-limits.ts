import { hitRateLimit } from "@/db/queries/rate-limits";
import type { Tx } from "@/db/scopes";

// Magic-link requests: per address (stops mail-bombing one inbox) and per IP (stops one client
// probing many addresses). Counted whether or not the address has an account.
// The limits can be raised through the environment (the end-to-end suite signs in many times from one IP).
export const MAGIC_LINK_LIMITS = {
  perEmail: { limit: Number(process.env.MAGIC_LINK_LIMIT_PER_EMAIL ?? 5), windowSeconds: 15 * 60 },
  perIp: { limit: Number(process.env.MAGIC_LINK_LIMIT_PER_IP ?? 30), windowSeconds: 15 * 60 },
};

export async function allowMagicLinkRequest(tx: Tx, email: string, ip: string | null): Promise<boolean> {
  const emailAllowed = await hitRateLimit(tx, `magic-link:email:${email}`, MAGIC_LINK_LIMITS.perEmail);
  const ipAllowed = await hitRateLimit(tx, `magic-link:ip:${ip ?? "unknown"}`, MAGIC_LINK_LIMITS.perIp);
  return emailAllowed && ipAllowed;
}

// Password attempts: per account (stops guessing one account's password) and per IP (stops one client
// trying a password across many accounts). Counted before the password is checked, for unknown
// addresses too, so the limit neither lets guessing through nor reveals which accounts exist.
export const PASSWORD_LIMITS = {
  perEmail: { limit: Number(process.env.PASSWORD_LIMIT_PER_EMAIL ?? 10), windowSeconds: 15 * 60 },
  perIp: { limit: Number(process.env.PASSWORD_LIMIT_PER_IP ?? 50), windowSeconds: 15 * 60 },
};

export async function allowPasswordAttempt(tx: Tx, email: string, ip: string | null): Promise<boolean> {
  const emailAllowed = await hitRateLimit(tx, `password:email:${email}`, PASSWORD_LIMITS.perEmail);
  const ipAllowed = await hitRateLimit(tx, `password:ip:${ip ?? "unknown"}`, PASSWORD_LIMITS.perIp);
  return emailAllowed && ipAllowed;
}

// "Set password" mails, per account: a signed-in user cannot flood their own inbox.
export const PASSWORD_LINK_LIMIT = { limit: 5, windowSeconds: 15 * 60 };

export function allowPasswordLinkRequest(tx: Tx, userId: string): Promise<boolean> {
  return hitRateLimit(tx, `password-link:user:${userId}`, PASSWORD_LINK_LIMIT);
}
