// A SAML sign-in at a tenant's assertion consumer service (/api/sso/<slug>/acs), SP- or IdP-initiated:
// the signed response is validated here (and its assertion id remembered against replay); the rest,
// shared with OpenID Connect, is lib/sso/sso-sign-in.ts (domains, JIT, session, log of refusals).
import "server-only";
import { findSamlConfig, rememberSamlMessageId } from "@/db/queries/saml";
import type { TenantTx } from "@/db/scopes";
import { assertionFacts, emailOfProfile } from "./saml-assertion";
import { requestIdCache, serviceProvider } from "./saml-service-provider";
import { openSsoSession, signInWithSso, SsoRefusal, type SsoSignInResult } from "./sso-sign-in";

export type SamlSignInResult = SsoSignInResult<{ relayState: string | null }>;

async function signInInTenant(tx: TenantTx, slug: string, form: { SAMLResponse: string; RelayState?: string }, origin: string, ip: string | null, replaces: string | null) {
  const config = await findSamlConfig(tx);
  if (!config) throw new SsoRefusal("not_configured", "no SAML configuration");

  let validated;
  try {
    validated = await serviceProvider(config, origin, slug, requestIdCache(tx)).validatePostResponseAsync({ SAMLResponse: form.SAMLResponse });
  } catch (error) {
    throw new SsoRefusal("invalid_response", error instanceof Error ? error.message : String(error));
  }
  if (!validated.profile || validated.loggedOut) throw new SsoRefusal("invalid_response", "not a sign-in response");
  const facts = assertionFacts(validated.profile, Date.now());
  if (!facts) throw new SsoRefusal("invalid_response", "the assertion has no ID");

  const email = emailOfProfile(validated.profile, config.emailAttribute);
  if (!email) throw new SsoRefusal("no_email", `no address in attribute ${config.emailAttribute}`);
  // Before anything else is written: each assertion opens one session, ever.
  if (!(await rememberSamlMessageId(tx, "assertion", facts.id, facts.rememberUntil))) {
    throw new SsoRefusal("replayed", `assertion ${facts.id} was already used`, email);
  }
  const opened = await openSsoSession(tx, {
    email,
    authMethod: "saml",
    ip,
    replaces,
    details: { assertionId: facts.id, idp: config.idpEntityId, initiatedBy: validated.profile.inResponseTo ? "sp" : "idp" },
  });
  return { ...opened, relayState: form.RelayState ?? null };
}

/**
 * Validates a POSTed SAML response for the tenant with `slug` and opens a session. Refusals are
 * written to the tenant's log (in their own transaction: the refused work rolled back).
 */
export async function signInWithSaml(request: {
  slug: string;
  form: { SAMLResponse: string; RelayState?: string };
  origin: string;
  ip: string | null;
  replacesSessionToken?: string | null;
}): Promise<SamlSignInResult> {
  const { slug, form, origin, ip } = request;
  return signInWithSso(slug, ip, (inTenant) => inTenant((tx) => signInInTenant(tx, slug, form, origin, ip, request.replacesSessionToken ?? null)));
}
