// The API door for an integration's signed token (issue 13, item 5): verified (lib/integrations/
// verify-token.ts), resolved to the tenant its integration maps the token's external tenant id to
// (created on the first call), then admitted like a key's request: in that tenant, under its rate
// limits, counted in its usage. The caller acts with the integration's default role, as
// "<integration name> (<email claim>)".
import { withTenant } from "@/db/scopes";
import { integrationRoleIn } from "@/db/queries/integrations";
import { tenantApiGate } from "@/db/queries/tenants";
import { clientIp } from "../client-ip";
import { resolveTokenTenant, tokenActorName } from "../integrations/resolve-tenant";
import { verifyIntegrationToken } from "../integrations/verify-token";
import { apiAddressAllowed, refuseApiAddress } from "./api-address";
import type { ApiCaller } from "./api-caller";
import { archivedTenant, unauthorizedToken } from "./problem";
import { admitApiRequest } from "./rate-limit";

export async function tokenCaller(token: string): Promise<ApiCaller | Response> {
  const verified = await verifyIntegrationToken(token);
  if (!verified) return unauthorizedToken();
  const ip = await clientIp();
  const tenantId = await resolveTokenTenant(verified, ip);
  const admitted = await withTenant({ tenantId, userId: null }, async (tx) => {
    // An archived tenant's tokens are refused before anything is written (meters).
    if ((await tenantApiGate(tx)).archivedAt) return "archived" as const;
    // As it is now: an integration revoked since the token was verified is refused here.
    const role = await integrationRoleIn(tx, verified.integration.id);
    // The tenant's run list holds every API call, a token's too; a refused one is not admitted (nor metered).
    return role && { ...role, admission: (await apiAddressAllowed(tx, ip)) ? await admitApiRequest(tx) : null };
  });
  if (!admitted) return unauthorizedToken();
  if (admitted === "archived") return archivedTenant();
  if (!admitted.admission) return refuseApiAddress(tenantId, { name: tokenActorName(verified), integration: true }, ip);
  if (!admitted.admission.admitted) return admitted.admission.response;
  return {
    tenantId,
    keyId: verified.integration.id,
    keyName: tokenActorName(verified),
    integration: true,
    roles: [admitted.role],
    viewersSeeDashboardsOnly: admitted.viewersSeeDashboardsOnly,
    rateLimitHeaders: admitted.admission.headers,
  };
}
