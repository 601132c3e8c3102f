"use server";

import { z } from "zod";
import { deleteOidcConfig, findOidcConfig, upsertOidcConfig, type OidcConfig } from "@/db/queries/oidc";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { tenantAction } from "@/lib/actions/tenant-action";
import { SECRETS_KEY_MISSING_MESSAGE, SecretsKeyError } from "@/lib/secrets/keyring";
import { getActor } from "@/lib/actor";
import { can } from "@/lib/permissions";
import { issuerDiscoveryProblem, issuerUrlProblem } from "@/lib/sso/oidc-client";
import { decryptOidcClientSecret, encryptOidcClientSecret } from "@/lib/sso/oidc-secret";
import { readSsoDefaultGroup } from "./sso-default-group";
import { assertKeepsAccess, assertNoOtherProtocol, FIX_FIELDS, readSsoRequirement } from "./sso-requirement";

// Settings → OpenID Connect (issue 16, item 1, beyond the document): the tenant's OpenID provider
// (issuer URL, client ID and secret, the claim with the user's address) and "Require single sign-on"
// with its break-glass Admin. The issuer is checked by discovering it before anything is saved: before
// the action's transaction (saveOidcSettings below), so the tenant's row is never locked while a
// provider answers, and through the outbound-address guard (lib/sso/oidc-fetch.ts).

const CLAIM_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;

const OidcSettingsInput = z.object({
  issuer: z.string().trim().max(2000, "That URL is too long.").default(""),
  clientId: z.string().trim().max(500, "That client ID is too long.").default(""),
  // Blank when changing a saved set-up: the stored secret is kept (the form never shows it).
  clientSecret: z.string().trim().max(2000, "That secret is too long.").default(""),
  emailClaim: z.string().trim().default("email"),
  requireSso: z.stringbool().or(z.boolean()).default(false),
  breakGlassEmail: z.string().max(254, "That address is too long.").default(""),
  defaultGroup: z.string().max(100).default("viewer"),
});

const describe = (config: Pick<OidcConfig, "issuer" | "clientId" | "emailClaim" | "requireSso" | "breakGlassUserId" | "defaultRole" | "defaultGroupId"> | null) =>
  config && {
    protocol: "oidc",
    issuer: config.issuer,
    clientId: config.clientId,
    emailClaim: config.emailClaim,
    requireSso: config.requireSso,
    breakGlassUserId: config.breakGlassUserId,
    defaultRole: config.defaultRole,
    defaultGroupId: config.defaultGroupId,
  };

/** What discovering the issuer found, before the transaction: null when it could be used. */
const IssuerDiscovery = z.object({ problem: z.string().nullable() });

/** Not exported (so no client can call it with a discovery outcome of its own): saveOidcSettings runs it. */
const saveOidcSettingsInTenant = tenantAction({
  name: "tenant.sso.oidc_update",
  permission: "settings.manage",
  lockTenant: true,
  input: OidcSettingsInput.extend({ discovery: IssuerDiscovery.optional() }),
  async run({ tx, actor, input }) {
    const before = await findOidcConfig(tx);
    const fieldErrors: Record<string, string[]> = {};
    const issuerProblem = issuerUrlProblem(input.issuer) ?? (input.discovery ? input.discovery.problem : "The issuer could not be checked: try again.");
    if (issuerProblem) fieldErrors.issuer = [issuerProblem];
    if (!input.clientId) fieldErrors.clientId = ["Enter the client ID your provider gave this console."];
    if (!input.clientSecret && !before) fieldErrors.clientSecret = ["Enter the client secret your provider gave this console."];
    if (!CLAIM_PATTERN.test(input.emailClaim)) fieldErrors.emailClaim = ["Enter the claim's name, like email or upn."];
    const { breakGlassEmail, breakGlassUserId } = await readSsoRequirement(tx, actor, input, fieldErrors);
    const { label: defaultGroup, ...defaultSetting } = await readSsoDefaultGroup(tx, input.defaultGroup, fieldErrors);
    if (Object.keys(fieldErrors).length) throw new ActionError("VALIDATION", FIX_FIELDS, fieldErrors);
    assertKeepsAccess(actor, input.requireSso, breakGlassUserId);
    await assertNoOtherProtocol(tx, "oidc");

    let secret;
    try {
      const clientSecret = input.clientSecret || decryptOidcClientSecret(before!);
      secret = { clientSecret, encrypted: encryptOidcClientSecret(actor.tenant.id, clientSecret) };
    } catch (error) {
      if (!(error instanceof SecretsKeyError)) throw error;
      throw new ActionError("UNAVAILABLE", SECRETS_KEY_MISSING_MESSAGE, { clientSecret: [SECRETS_KEY_MISSING_MESSAGE] });
    }

    const after = { issuer: input.issuer, clientId: input.clientId, emailClaim: input.emailClaim, requireSso: input.requireSso, breakGlassUserId, ...defaultSetting };
    await upsertOidcConfig(tx, { ...after, ...secret.encrypted });
    return {
      data: null,
      message: "OpenID Connect saved.",
      activity: {
        action: "tenant.sso_updated",
        targetType: "tenant",
        targetId: actor.tenant.id,
        summary: `${actor.user.email} ${before ? "changed" : "set up"} single sign-on with the OpenID provider ${input.issuer}${input.requireSso ? " (required; break-glass Admin " + breakGlassEmail + ")" : ""}; new users join as ${defaultGroup}`,
        // Never the secret; only whether it changed.
        details: { before: describe(before), after: describe(after), secretChanged: Boolean(input.clientSecret) },
      },
    };
  },
});

/**
 * Settings → "Save OpenID Connect": discovers the issuer first, outside any transaction (a provider may
 * take seconds; the cache keeps it for the sign-ins that follow), then saves in one transaction. Only
 * for a caller who may change the settings now (anyone else is refused by the action without the
 * server calling out for them); the action authorizes again in its transaction.
 */
export async function saveOidcSettings(slug: string, previous: unknown, rawInput: FormData | Record<string, unknown>) {
  const fields: Record<string, unknown> = rawInput instanceof FormData ? Object.fromEntries(rawInput) : { ...rawInput };
  delete fields.discovery;
  const issuer = typeof fields.issuer === "string" ? fields.issuer.trim() : "";
  const actor = typeof slug === "string" ? await getActor(slug) : null;
  const mayDiscover = actor !== null && can(actor, "settings.manage") && issuer.length <= 2000 && issuerUrlProblem(issuer) === null;
  const discovery = mayDiscover ? { problem: await issuerDiscoveryProblem(issuer) } : undefined;
  return saveOidcSettingsInTenant(slug, previous, { ...fields, discovery });
}

export const removeOidcSettings = tenantAction({
  name: "tenant.sso.oidc_remove",
  permission: "settings.manage",
  lockTenant: true,
  input: z.object({}),
  async run({ tx, actor }) {
    const before = await findOidcConfig(tx);
    if (!before || !(await deleteOidcConfig(tx))) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    return {
      data: null,
      message: "OpenID Connect removed.",
      activity: {
        action: "tenant.sso_removed",
        targetType: "tenant",
        targetId: actor.tenant.id,
        summary: `${actor.user.email} removed single sign-on with the OpenID provider ${before.issuer}`,
        details: { before: describe(before), after: null },
      },
    };
  },
});
