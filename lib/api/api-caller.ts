// Who is calling the REST API: the bearer key, read fresh on every request (a revoked or expired key is
// refused on its very next request), resolved to its tenant and role. Each use records when and from
// which address the key was last used. The key's row is found by its hash only (withApiKeyLookup shows
// that one row); everything else runs inside the key's tenant, like a page.
import { withApiKeyLookup, withTenant } from "@/db/scopes";
import { findApiKeyTenant, useApiKey } from "@/db/queries/api-keys";
import { tenantApiGate } from "@/db/queries/tenants";
import type { MemberRole } from "@/db/schema";
import { API_KEY_PATTERN, hashApiKey } from "../api-keys/api-key";
import { clientIp } from "../client-ip";
import { can, type Permission } from "../permissions";
import { apiAddressAllowed, refuseApiAddress } from "./api-address";
import { archivedTenant, forbidden, unauthorized } from "./problem";
import { looksLikeJwt } from "../integrations/token-claims";
import { admitApiRequest } from "./rate-limit";
import { tokenCaller } from "./token-caller";

export interface ApiCaller {
  tenantId: string;
  /** The key's id; for a signed token, its integration's id. */
  keyId: string;
  /** The key's name; for a signed token "<integration name> (<email claim>)": the actor it records. */
  keyName: string;
  /** Whether the caller came with an integration's signed token (lib/api/token-caller.ts), not a key. */
  integration?: boolean;
  roles: MemberRole[];
  /** The tenant's "Viewers see dashboards only", read at the door (lib/permissions.ts: a Viewer key sees dashboards only). */
  viewersSeeDashboardsOnly: boolean;
  /** The RateLimit headers of the admitted request, for the route to send with its answer. */
  rateLimitHeaders: Record<string, string>;
}

const BEARER = /^Bearer +(\S+) *$/i;

/** The key in `Authorization: Bearer <key>`, or null when the header is missing or of another scheme. */
export function bearerKeyOf(headers: Headers): string | null {
  // Stryker disable next-line StringLiteral: equivalent, no text without the Bearer scheme matches, whatever stands in for a missing header
  return BEARER.exec(headers.get("authorization") ?? "")?.[1] ?? null;
}

/**
 * The caller, or the problem response to answer: 401 without a usable key or token, 429 over the
 * tenant's or the platform's rate limit (lib/api/rate-limit.ts, which also counts the request in the
 * tenant's usage), 403 when its role lacks `permission`. A bearer value shaped like a JWT is an
 * integration's signed token (lib/api/token-caller.ts); anything else must be an API key.
 */
export async function authorizeApiRequest(request: Request, permission: Permission): Promise<ApiCaller | Response> {
  const key = bearerKeyOf(request.headers);
  if (key === null) return unauthorized(false);
  const caller = looksLikeJwt(key) ? await tokenCaller(key) : await keyCaller(key);
  if (caller instanceof Response) return caller;
  return can(caller, permission) ? caller : forbidden();
}

async function keyCaller(key: string): Promise<ApiCaller | Response> {
  // A string that cannot be a key is not looked up (nor hashed at length).
  if (!API_KEY_PATTERN.test(key)) return unauthorized(true);
  const keyHash = hashApiKey(key);
  const found = await withApiKeyLookup(keyHash, (tx) => findApiKeyTenant(tx, keyHash));
  if (!found) return unauthorized(true);
  const ip = await clientIp();
  const keyUse = await withTenant({ tenantId: found.tenantId, userId: null }, async (tx) => {
    // An archived tenant's keys are refused before anything is written (last use, meters).
    const gate = await tenantApiGate(tx);
    if (gate.archivedAt) return "archived" as const;
    const used = await useApiKey(tx, found.id, ip);
    // The tenant's run list holds every API call; a refused one is not admitted (nor metered).
    return used && { used, gate, admission: (await apiAddressAllowed(tx, ip)) ? await admitApiRequest(tx) : null };
  });
  if (!keyUse) return unauthorized(true);
  if (keyUse === "archived") return archivedTenant();
  const { used, gate, admission } = keyUse;
  if (!admission) return refuseApiAddress(found.tenantId, { name: used.name, integration: false }, ip);
  if (!admission.admitted) return admission.response;
  return {
    tenantId: found.tenantId,
    keyId: found.id,
    keyName: used.name,
    integration: false,
    roles: [used.role],
    viewersSeeDashboardsOnly: gate.viewersSeeDashboardsOnly,
    rateLimitHeaders: admission.headers,
  };
}

/** The route's answer, with the admitted request's RateLimit headers, so a client can pace itself before a 429. */
export function withRateLimitHeaders(caller: ApiCaller, response: Response): Response {
  for (const [name, value] of Object.entries(caller.rateLimitHeaders)) response.headers.set(name, value);
  return response;
}
