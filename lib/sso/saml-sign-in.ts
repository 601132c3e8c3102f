// A SAML sign-in at a tenant's assertion consumer service (/api/sso/<slug>/acs), SP- or IdP-initiated.
// On a valid assertion it opens a session the way the password sign-in does (lib/password-sign-in.ts):
// a random token in a `sessions` row (auth_method 'saml') that Auth.js then reads, refreshes and signs
// out like its own. Everything it writes (the assertion id, a new account and membership, the session,
// the activity entry) commits together; a refusal rolls all of it back and only its entry is written.
import "server-only";
import { randomBytes } from "node:crypto";
import { listApprovedDomains } from "@/db/queries/approved-domains";
import { recordActivity } from "@/db/queries/activity/tenant-log";
import { isArchivedTenantRefusal } from "@/db/errors";
import { findMembershipOfUser, insertMembership } from "@/db/queries/memberships";
import { findSamlConfig, rememberSamlMessageId } from "@/db/queries/saml";
import { deleteSession, insertSession } from "@/db/queries/sessions";
import { findTenantBySlug, lockTenant } from "@/db/queries/tenants";
import { findOrCreateUserByEmail, findUserByEmail } from "@/db/queries/users";
import { enterTenant, enterUser, withSystem, withTenant, type TenantTx } from "@/db/scopes";
import { listTenantIdsOfUser } from "@/db/queries/access-review";
import { users } from "@/db/schema";
import { eq } from "drizzle-orm";
import { normalizeEmail } from "../email-address";
import { isAddressApproved } from "../email-domains";
import { licenseOf } from "../licenses";
import { SESSION_MAX_AGE_SECONDS } from "../session-cookie";
import { SLUG_PATTERN } from "../tenant-slug";
import { assertionFacts, emailOfProfile } from "./saml-assertion";
import { requestIdCache, serviceProvider } from "./saml-service-provider";

/** The role a new account gets when it first signs in by SSO: the default group. */
export const SSO_DEFAULT_ROLES = ["viewer"] as const;

export type SamlRefusalReason =
  | "not_configured"
  | "invalid_response"
  | "replayed"
  | "no_email"
  | "domain_not_approved"
  | "not_a_member"
  | "account_beyond_tenant"
  | "member_limit"
  /** A first sign-in would add a member to an archived tenant, which takes no changes (its trigger refused). */
  | "tenant_archived";

/** Why a sign-in was refused: `reason` for the log and tests, `detail` for the log only (never the browser). */
export class SamlRefusal extends Error {
  constructor(
    readonly reason: SamlRefusalReason,
    readonly detail: string,
    readonly email: string | null = null,
  ) {
    super(`SAML sign-in refused: ${reason}`);
  }
}

export type SamlSignInResult =
  | { ok: true; sessionToken: string; expires: Date; userId: string; email: string; tenantSlug: string; relayState: string | null }
  | { ok: false; reason: SamlRefusalReason | "no_such_tenant" };

const refusalSummary: Record<SamlRefusalReason, string> = {
  not_configured: "single sign-on is not set up",
  invalid_response: "the SAML response did not validate",
  replayed: "the assertion was already used",
  no_email: "the assertion carries no email address",
  domain_not_approved: "the address is outside the tenant's approved domains",
  not_a_member: "the account is not an active member",
  account_beyond_tenant: "the account also belongs to another tenant or is a superadmin: it signs in its usual way",
  member_limit: "the tenant has no member seat left",
  tenant_archived: "the tenant is archived: no new member joins it until it is restored",
};

/**
 * Whether the account is a superadmin or has a membership (any status) in a tenant other than the
 * transaction's: read in the account's own scope (which sees only its own memberships), then the
 * transaction goes back to the tenant's scope.
 */
async function accountReachesBeyond(tx: TenantTx, userId: string): Promise<boolean> {
  const asUser = await enterUser(tx, { userId });
  const [account] = await asUser.select({ isSuperadmin: users.isSuperadmin }).from(users).where(eq(users.id, userId));
  const tenantIds = await listTenantIdsOfUser(asUser, userId);
  await enterTenant(tx, { tenantId: tx.tenantId, userId: null });
  return Boolean(account?.isSuperadmin) || tenantIds.some((tenantId) => tenantId !== tx.tenantId);
}

async function signInInTenant(tx: TenantTx, slug: string, form: { SAMLResponse: string; RelayState?: string }, origin: string, ip: string | null, replaces: string | null) {
  const config = await findSamlConfig(tx);
  if (!config) throw new SamlRefusal("not_configured", "no SAML configuration");

  let validated;
  try {
    validated = await serviceProvider(config, origin, slug, requestIdCache(tx)).validatePostResponseAsync({ SAMLResponse: form.SAMLResponse });
  } catch (error) {
    throw new SamlRefusal("invalid_response", error instanceof Error ? error.message : String(error));
  }
  if (!validated.profile || validated.loggedOut) throw new SamlRefusal("invalid_response", "not a sign-in response");
  const facts = assertionFacts(validated.profile, Date.now());
  if (!facts) throw new SamlRefusal("invalid_response", "the assertion has no ID");

  const email = emailOfProfile(validated.profile, config.emailAttribute);
  if (!email) throw new SamlRefusal("no_email", `no address in attribute ${config.emailAttribute}`);
  // Before anything else is written: each assertion opens one session, ever.
  if (!(await rememberSamlMessageId(tx, "assertion", facts.id, facts.rememberUntil))) {
    throw new SamlRefusal("replayed", `assertion ${facts.id} was already used`, email);
  }
  // The tenant's IdP speaks only for the tenant's own domains: an address elsewhere could be another
  // tenant's member, and a session is the whole account's.
  // No approved domains: the IdP speaks for none (unlike adding members, where none means any).
  const domains = await listApprovedDomains(tx);
  if (domains.length === 0 || !isAddressApproved(email, domains)) {
    throw new SamlRefusal("domain_not_approved", `${email} is outside the approved domains`, email);
  }

  const tenant = await lockTenant(tx, tx.tenantId);
  if (!tenant) throw new SamlRefusal("not_configured", "tenant gone");
  const existing = await findUserByEmail(tx, email);
  let created = false;
  let userId: string;
  if (existing) {
    // An existing account signs in only where it is an active member: the IdP cannot enrol (nor
    // reactivate, nor accept an invitation for) an account that may belong to someone elsewhere.
    const membership = await findMembershipOfUser(tx, existing.id);
    if (membership?.status !== "active") throw new SamlRefusal("not_a_member", `${email} is not an active member`, email);
    // A session is the whole account's, not this tenant's: for an account that also belongs to another
    // tenant (or runs the platform), this tenant's IdP would open the other tenants' doors (or the
    // console). Such accounts keep their usual sign-in. (Scoping SAML sessions to their tenant would
    // lift this; see the issue's note.)
    if (await accountReachesBeyond(tx, existing.id)) {
      throw new SamlRefusal("account_beyond_tenant", `${email} belongs to another tenant or is a superadmin`, email);
    }
    userId = existing.id;
  } else {
    if (tenant.memberCount >= licenseOf(tenant.license).memberLimit) throw new SamlRefusal("member_limit", "member limit reached", email);
    const user = await findOrCreateUserByEmail(tx, email);
    await insertMembership(tx, { userId: user.id, roles: [...SSO_DEFAULT_ROLES], status: "active" });
    userId = user.id;
    created = true;
  }

  const sessionToken = randomBytes(32).toString("base64url");
  const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  if (replaces) await deleteSession(tx, replaces);
  await insertSession(tx, { sessionToken, userId, expires, authMethod: "saml" });
  await recordActivity(tx, {
    actorUserId: userId,
    actorEmail: email,
    ip,
    action: "sso.signed_in",
    targetType: "user",
    targetId: userId,
    summary: created ? `${email} signed in with single sign-on and joined as Viewer` : `${email} signed in with single sign-on`,
    details: { assertionId: facts.id, idp: config.idpEntityId, initiatedBy: validated.profile.inResponseTo ? "sp" : "idp", joined: created },
  });
  return { ok: true as const, sessionToken, expires, userId, email, tenantSlug: slug, relayState: form.RelayState ?? null };
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
  const tenant = SLUG_PATTERN.test(slug) ? await withSystem((tx) => findTenantBySlug(tx, slug)) : null;
  if (!tenant) return { ok: false, reason: "no_such_tenant" };
  try {
    return await withTenant({ tenantId: tenant.id, userId: null }, (tx) => signInInTenant(tx, slug, form, origin, ip, request.replacesSessionToken ?? null));
  } catch (thrown) {
    // The archived-tenant trigger (migration tenant_archive) refused the sign-in's write: a first
    // sign-in that would add a member (an existing member's sign-in writes nothing it guards).
    const error = isArchivedTenantRefusal(thrown) ? new SamlRefusal("tenant_archived", "the tenant is archived") : thrown;
    if (!(error instanceof SamlRefusal)) throw error;
    await withTenant({ tenantId: tenant.id, userId: null }, (tx) =>
      recordActivity(tx, {
        actorUserId: null,
        actorEmail: error.email ?? "single sign-on",
        ip,
        action: "sso.sign_in_refused",
        targetType: "tenant",
        targetId: tenant.id,
        summary: `A single sign-on was refused${error.email ? ` for ${normalizeEmail(error.email)}` : ""}: ${refusalSummary[error.reason]}`,
        details: { reason: error.reason, detail: error.detail.slice(0, 500) },
      }),
    );
    return { ok: false, reason: error.reason };
  }
}
