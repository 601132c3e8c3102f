// What the fuzzer aims at: every page with the URL parameters it reads, and every route handler.
// Server actions are not listed here: they are discovered from the running build (discover.ts).

export interface PageTarget {
  /** Path with {slug} and {flowId} placeholders. */
  path: string;
  params: string[];
}

const TABLE = ["page", "size", "sort", "dir", "q"];
const ACTIVITY = ["actor", "action", "targetType", "targetId", "from", "to", "q", "size", "cursor"];

export const PAGES: PageTarget[] = [
  { path: "/", params: [] },
  { path: "/login", params: ["callbackUrl", "method", "reason", "notice", "email"] },
  { path: "/login/check-email", params: [] },
  { path: "/login/error", params: ["error"] },
  { path: "/login/verify", params: ["token", "email", "callbackUrl"] },
  { path: "/set-password", params: ["token"] },
  { path: "/profile", params: [] },
  { path: "/tenants/new", params: [] },
  { path: "/t/{slug}", params: [] },
  { path: "/t/{slug}/members", params: [...TABLE, "role", "status"] },
  { path: "/t/{slug}/settings", params: [] },
  { path: "/t/{slug}/flows", params: TABLE },
  { path: "/t/{slug}/flows/{flowId}", params: ["after"] },
  { path: "/t/{slug}/activity", params: ACTIVITY },
  { path: "/admin", params: TABLE },
  { path: "/admin/users", params: TABLE },
  { path: "/admin/activity", params: [...ACTIVITY, "tenant", "log"] },
];

/** Route handlers: method, path, and the form fields a POST carries. */
export const ROUTES: { method: "GET" | "POST"; path: string; fields: string[]; sameOrigin?: boolean }[] = [
  { method: "GET", path: "/api/auth/session", fields: [] },
  { method: "GET", path: "/api/auth/csrf", fields: [] },
  { method: "GET", path: "/api/auth/providers", fields: [] },
  { method: "GET", path: "/api/auth/signin", fields: [] },
  { method: "GET", path: "/api/auth/signout", fields: [] },
  { method: "GET", path: "/api/auth/error", fields: [] },
  { method: "GET", path: "/api/auth/verify-request", fields: [] },
  { method: "GET", path: "/api/auth/callback/nodemailer", fields: [] },
  { method: "POST", path: "/api/auth/signout", fields: ["csrfToken", "callbackUrl"] },
  { method: "POST", path: "/api/auth/session", fields: ["csrfToken", "data"] },
  { method: "POST", path: "/api/auth/signin/nodemailer", fields: ["csrfToken", "email", "callbackUrl"] },
  { method: "POST", path: "/login/verify/confirm", fields: ["token", "email", "callbackUrl"], sameOrigin: true },
  { method: "GET", path: "/t/{slug}/activity/export", fields: [] },
  {
    method: "POST",
    path: "/t/{slug}/activity/export",
    fields: ["actor", "action", "targetType", "targetId", "from", "to", "q", "size", "cursor"],
    sameOrigin: true,
  },
];

/** The tenant the signed-in demo users belong to, and slugs that name nothing or cannot be slugs. */
export const DEMO_SLUG = "acme";
