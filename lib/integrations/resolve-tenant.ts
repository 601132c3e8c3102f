// The tenant a verified token acts in: the one its integration mapped to the token's external tenant
// id, or on the first call a new one (named by the token, on the integration's default license, with
// no human member), recorded in the platform log and in the tenant's own log. Two first calls at once
// create one tenant: the advisory lock on (integration, external id) makes the second wait and then
// find the first's tenant (and tenants' unique (integration_id, external_id) would refuse a second
// anyway). The lookup is keyed by the integration, so a token only ever reaches its own integration's tenants.
import { randomBytes } from "node:crypto";
import { enterTenant, withSystem } from "@/db/scopes";
import { recordActivity } from "@/db/queries/activity/tenant-log";
import { recordPlatformActivity } from "@/db/queries/activity/platform-log";
import { findExternalTenant, lockExternalTenant } from "@/db/queries/integrations";
import { insertTenantIfFree } from "@/db/queries/tenants";
import { licenseOf, toLicenseKey } from "../licenses";
import { suggestSlug } from "../tenant-slug";
import type { VerifiedToken } from "./verify-token";

/** Who a token's changes are recorded as: "<integration name> (<email claim>)". */
export const tokenActorName = (token: VerifiedToken) => `${token.integration.name} (${token.claims.email})`;

// The name's slug with a random tail: unique without asking the customer for one (slugs are global).
const slugFor = (name: string) => `${(suggestSlug(name) || "tenant").slice(0, 39).replace(/-+$/, "")}-${randomBytes(4).toString("hex")}`;

export async function resolveTokenTenant(token: VerifiedToken, ip: string | null): Promise<string> {
  const { integration, claims } = token;
  return withSystem(async (tx) => {
    await lockExternalTenant(tx, integration.id, claims.tenant_id);
    const existing = await findExternalTenant(tx, integration.id, claims.tenant_id);
    if (existing) return existing;

    const license = toLicenseKey(integration.defaultLicense);
    const slug = slugFor(claims.tenant_name);
    const values = { slug, createdBy: null, license, flowCap: licenseOf(license).flowCap, integrationId: integration.id, externalId: claims.tenant_id };
    // Tenant names are unique regardless of case and spacing (migration 0021), and a customer's name
    // may already be another tenant's: then it is told apart by its slug, as that migration renames.
    const tenant =
      (await insertTenantIfFree(tx, { ...values, name: claims.tenant_name })) ??
      (await insertTenantIfFree(tx, { ...values, name: `${claims.tenant_name} (${slug})` }));
    // A clash of 32 random bits within one name: refused like any failure, the caller retries.
    if (!tenant) throw new Error("The new tenant's slug was taken; retry.");
    const actor = tokenActorName(token);
    const details = { integrationId: integration.id, externalId: claims.tenant_id };
    await recordPlatformActivity(tx, {
      actorUserId: null,
      actorEmail: actor,
      action: "tenant.created",
      subjectTenantId: tenant.id,
      tenantName: tenant.name,
      summary: `${actor} created ${tenant.name} (${tenant.slug}) with a signed token`,
      details,
      ip,
    });
    const inTenant = await enterTenant(tx, { tenantId: tenant.id, userId: null });
    await recordActivity(inTenant, {
      actorUserId: null,
      actorEmail: actor,
      ip,
      action: "tenant.created",
      targetType: "tenant",
      targetId: tenant.id,
      summary: `${actor} created ${tenant.name} with a signed token`,
      details,
    });
    return tenant.id;
  });
}
