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
