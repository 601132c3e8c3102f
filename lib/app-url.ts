import { headers } from "next/headers";
import { getEnv } from "./env";

const FALLBACK_ORIGIN = "http://localhost:3000";

/**
 * The app's public origin, for links in mail sent outside the sign-in flow (welcome, role change).
 * AUTH_URL when set: the reliable choice in production, where it is the address users type.
 * Otherwise the origin the current request came to, as Auth.js itself does with `trustHost`:
 * X-Forwarded-Host/-Proto from the nearest proxy, else Host. Outside a request: localhost:3000.
 */
export async function appOrigin(): Promise<string> {
  const configured = getEnv().appUrl;
  if (configured) return configured;
  try {
    const h = await headers();
    const host = firstValue(h.get("x-forwarded-host")) ?? h.get("host");
    if (!host) return FALLBACK_ORIGIN;
    const proto = firstValue(h.get("x-forwarded-proto")) ?? "http";
    return new URL(`${proto === "https" ? "https" : "http"}://${host}`).origin;
  } catch {
    return FALLBACK_ORIGIN;
  }
}

const firstValue = (header: string | null) => header?.split(",")[0]?.trim() || null;

/** Where a member signs in and lands in the tenant; the address is filled in where the form supports it. */
export function signInUrl(origin: string, tenantSlug: string, email: string): string {
  const url = new URL("/login", origin);
  url.searchParams.set("callbackUrl", `/t/${tenantSlug}`);
  url.searchParams.set("email", email);
  return url.toString();
}
