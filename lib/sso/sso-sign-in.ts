// What every single sign-on does once its protocol has vouched for an address (SAML: lib/sso/saml-sign-in.ts,
// OpenID Connect: lib/sso/oidc-sign-in.ts): the tenant's approved domains, the account (an existing active
// member, or a new one added to the tenant's default group for new single sign-on users, Viewer unless
// an Admin chose another: just-in-time, lib/sso/sso-default-group.ts), then a session the way the password sign-in
// opens one (lib/password-sign-in.ts): a random token in a `sessions` row that Auth.js then reads,
// refreshes and signs out like its own, bound to the tenant (lib/sso/session-binding.ts): the
// tenant's IdP speaks for this tenant only, so its session opens no other tenant nor the console. Everything a sign-in
// writes commits together; a refusal rolls all of it back and only its entry is written.
import "server-only";
import { isArchivedTenantRefusal } from "@/db/errors";
import { randomBytes } from "node:crypto";
import { recordActivity } from "@/db/queries/activity/tenant-log";
import { listApprovedDomains } from "@/db/queries/approved-domains";
import { insertGroupMember } from "@/db/queries/groups";
import { findMembershipOfUser, insertMembership } from "@/db/queries/memberships";
import { deleteSession, insertSession } from "@/db/queries/sessions";
import { findSsoDefault } from "@/db/queries/sso-default-group";
import { findTenantBySlug, lockTenant } from "@/db/queries/tenants";
import { findOrCreateUserByEmail, findUserByEmail } from "@/db/queries/users";
import type { AuthMethod } from "@/db/schema";
import { withSystem, withTenant, type TenantTx } from "@/db/scopes";
import { normalizeEmail } from "../email-address";
import { isAddressApproved } from "../email-domains";
import { licenseOf } from "../licenses";
import { SESSION_MAX_AGE_SECONDS } from "../session-cookie";
import { SLUG_PATTERN } from "../tenant-slug";
import { newMemberGroup, type NewMemberGroup } from "./sso-default-group";

export type SsoRefusalReason =
  | "not_configured"
  | "invalid_response"
  | "replayed"
  | "no_email"
  | "domain_not_approved"
  | "not_a_member"
  | "member_limit"
  /** A first sign-in would add a member to an archived tenant, which takes no changes (its trigger refused). */
  | "tenant_archived";

/** Why a sign-in was refused: `reason` for the log and tests, `detail` for the log only (never the browser). */
export class SsoRefusal extends Error {
  constructor(
    readonly reason: SsoRefusalReason,
    readonly detail: string,
    readonly email: string | null = null,
  ) {
    super(`Single sign-on refused: ${reason}`);
  }
}

export type SsoSignInResult<Extra = object> =
  | ({ ok: true; sessionToken: string; expires: Date; userId: string; email: string; tenantSlug: string } & Extra)
  | { ok: false; reason: SsoRefusalReason | "no_such_tenant" };

const refusalSummary: Record<SsoRefusalReason, string> = {
  not_configured: "single sign-on is not set up",
  invalid_response: "the identity provider's answer did not validate",
  replayed: "the answer was already used",
  no_email: "the answer carries no email address",
  domain_not_approved: "the address is outside the tenant's approved domains",
  not_a_member: "the account is not an active member",
  member_limit: "the tenant has no member seat left",
  tenant_archived: "the tenant is archived: no new member joins it until it is restored",
};

export interface VouchedSignIn {
  /** The address the identity provider vouched for (already read from its signed answer). */
  email: string;
  authMethod: Extract<AuthMethod, "saml" | "oidc">;
  ip: string | null;
  /** The session the browser had, replaced by the new one. */
  replaces: string | null;
  /** What the activity entry records of the protocol (assertion id, issuer, ...). */
  details: Record<string, unknown>;
}

/** Opens a session for an address the tenant's identity provider vouched for, or throws an SsoRefusal. */
export async function openSsoSession(tx: TenantTx, signIn: VouchedSignIn) {
  const { email, ip } = signIn;
  // The tenant's IdP speaks only for the tenant's own domains: an address elsewhere is no business of
  // the tenant's (its session could not reach beyond the tenant, but it would still act as that account).
  // No approved domains: the IdP speaks for none (unlike adding members, where none means any).
  const domains = await listApprovedDomains(tx);
  if (domains.length === 0 || !isAddressApproved(email, domains)) {
    throw new SsoRefusal("domain_not_approved", `${email} is outside the approved domains`, email);
  }

  const tenant = await lockTenant(tx, tx.tenantId);
  if (!tenant) throw new SsoRefusal("not_configured", "tenant gone");
  const existing = await findUserByEmail(tx, email);
  let joined: NewMemberGroup | null = null;
  let userId: string;
  if (existing) {
    // An existing account signs in only where it is an active member: the IdP cannot enrol (nor
    // reactivate, nor accept an invitation for) an account that may belong to someone elsewhere.
    const membership = await findMembershipOfUser(tx, existing.id);
    if (membership?.status !== "active") throw new SsoRefusal("not_a_member", `${email} is not an active member`, email);
    // An account that also belongs to other tenants (or runs the platform) signs in too: its session
    // is bound to this tenant below, so this tenant's IdP opens no other door.
    userId = existing.id;
  } else {
    if (tenant.memberCount >= licenseOf(tenant.license).memberLimit) throw new SsoRefusal("member_limit", "member limit reached", email);
    const user = await findOrCreateUserByEmail(tx, email);
    // Read under the tenant lock (above), which every group change also takes: the group is still there.
    joined = newMemberGroup(await findSsoDefault(tx));
    await insertMembership(tx, { userId: user.id, roles: joined.roles, status: "active" });
    if (joined.groupId) await insertGroupMember(tx, joined.groupId, user.id);
    userId = user.id;
  }

  const sessionToken = randomBytes(32).toString("base64url");
  const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  if (signIn.replaces) await deleteSession(tx, signIn.replaces);
  await insertSession(tx, { sessionToken, userId, expires, authMethod: signIn.authMethod, ssoTenantId: tx.tenantId });
  await recordActivity(tx, {
    actorUserId: userId,
    actorEmail: email,
    ip,
    action: "sso.signed_in",
    targetType: "user",
    targetId: userId,
    summary: joined ? `${email} signed in with single sign-on and joined as ${joined.label}` : `${email} signed in with single sign-on`,
    details: {
      protocol: signIn.authMethod,
      ...signIn.details,
      joined: joined !== null,
      ...(joined && { joinedAs: { roles: joined.roles, groupId: joined.groupId, name: joined.label, ...(joined.fellBack && { fellBack: joined.fellBack }) } }),
    },
  });
  return { sessionToken, expires, userId, email };
}

/** Runs work in a transaction in the signing-in tenant's scope. */
export type InTenant = <T>(work: (tx: TenantTx) => Promise<T>) => Promise<T>;

/**
 * Runs a protocol's sign-in (`signIn`, which ends in openSsoSession) in the tenant with `slug`: it opens
 * its own transactions through `inTenant` (SAML one, OIDC one before and one after its token request,
 * so no transaction waits on the provider). Refusals are written to the tenant's log in their own
 * transaction (the refused transaction's work rolled back) and answered with their reason only.
 */
export async function signInWithSso<Extra extends object>(
  slug: string,
  ip: string | null,
  signIn: (inTenant: InTenant) => Promise<{ sessionToken: string; expires: Date; userId: string; email: string } & Extra>,
): Promise<SsoSignInResult<Extra>> {
  const tenant = SLUG_PATTERN.test(slug) ? await withSystem((tx) => findTenantBySlug(tx, slug)) : null;
  if (!tenant) return { ok: false, reason: "no_such_tenant" };
  try {
    const opened = await signIn((work) => withTenant({ tenantId: tenant.id, userId: null }, work));
    return { ok: true as const, tenantSlug: slug, ...opened };
  } catch (thrown) {
    // The archived-tenant trigger (migration tenant_archive) refused the sign-in's write: a first
    // sign-in that would add a member (an existing member's sign-in writes nothing it guards).
    const error = isArchivedTenantRefusal(thrown) ? new SsoRefusal("tenant_archived", "the tenant is archived") : thrown;
    if (!(error instanceof SsoRefusal)) throw error;
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
