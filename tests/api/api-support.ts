// The REST API under test: keys of each role in a tenant, and calling a route handler the way Next.js
// does (a Request, the path's params as a promise), answering status, headers and the parsed body.
import { withTenant } from "@/db/scopes";
import type { MemberRole } from "@/db/schema";
import { issueApiKey } from "@/lib/api-keys/issue-api-key";
import { uniqueSuffix } from "../support/fixtures";

export interface TestKey {
  id: string;
  name: string;
  key: string;
  role: MemberRole;
}

/** A new key of `role` in the tenant (as the API keys page would create it). */
export async function keyFor(tenantId: string, role: MemberRole, name = `${role}-key-${uniqueSuffix()}`): Promise<TestKey> {
  const issued = await withTenant({ tenantId, userId: null }, (tx) => issueApiKey(tx, { name, role, expiresAt: null, createdByEmail: null }));
  return { id: issued.id, name: issued.name, key: issued.key, role };
}

/** A route handler (`never`: each names its own params, whatever the test passes). */
export type Handler = (request: Request, context: never) => Promise<Response>;

export interface ApiAnswer {
  status: number;
  contentType: string | null;
  body: Record<string, unknown>;
  text: string;
}

/** Calls `handler` at `path` (with its query) as the holder of `key` (null: no Authorization header). */
export async function callApi(
  handler: Handler,
  options: { key: string | null; method?: string; path?: string; params?: Record<string, string>; body?: unknown },
): Promise<ApiAnswer> {
  const headers: Record<string, string> = options.key === null ? {} : { authorization: `Bearer ${options.key}` };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://localhost${options.path ?? "/api/v1"}`, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) } as never);
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get("content-type"), body: text ? JSON.parse(text) : {}, text };
}
