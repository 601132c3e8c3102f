import { headers } from "next/headers";

/**
 * The app's origin for links in mail: AUTH_URL when it is set (production behind a proxy should set
 * it), else the request's host and protocol, as Auth.js builds its magic links.
 */
export async function appOrigin(): Promise<string> {
  const configured = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const protocol = (h.get("x-forwarded-proto") ?? "https").replace(/:$/, "");
  return `${protocol}://${host}`;
}
