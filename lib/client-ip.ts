import { headers } from "next/headers";

/**
 * The caller's IP as seen by the nearest proxy: the last x-forwarded-for entry (Next.js appends the
 * socket address; a load balancer appends the client's). Earlier entries are client-supplied and
 * cannot be trusted. Null outside a request.
 */
export async function clientIp(): Promise<string | null> {
  try {
    const h = await headers();
    const forwarded = h.get("x-forwarded-for");
    const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).pop();
    return last ?? h.get("x-real-ip") ?? null;
  } catch {
    return null;
  }
}
