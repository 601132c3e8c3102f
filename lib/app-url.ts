import "server-only";
import { getEnv } from "./env";

/**
 * The app's public origin, for every link this app mails and every redirect it makes: AUTH_URL's
 * origin (required in production, see lib/env.ts). Never read from the request: Host and
 * X-Forwarded-Host/-Proto are whatever the client sends, and a sign-in link built from them carries a
 * live token to the host the attacker named (issue 10, item 1). Without AUTH_URL (development,
 * tests) it is the local server's address.
 */
export function publicOrigin(): string {
  return getEnv().appUrl ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

/** publicOrigin() for callers written when the origin still came from the request (kept async for them). */
export async function appOrigin(): Promise<string> {
  return publicOrigin();
}

/** Where a member signs in and lands in the tenant; the address is filled in where the form supports it. */
export function signInUrl(origin: string, tenantSlug: string, email: string): string {
  const url = new URL("/login", origin);
  url.searchParams.set("callbackUrl", `/t/${tenantSlug}`);
  url.searchParams.set("email", email);
  return url.toString();
}
