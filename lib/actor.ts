// Who is asking, read from the database on every request: a role change, suspension or removal takes
// effect on the caller's very next request, without signing out.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { databaseOutageNoted, DatabaseUnavailableError } from "@/db/availability";
import { withUser, type UserTx } from "@/db/scopes";
import { findMembershipBySlug, listTenantsOfUser, type SwitcherTenant } from "@/db/queries/tenants";
import { getAccountFlags } from "@/db/queries/users";
import { authMethodOf } from "@/db/schema";
import { ssoPolicyAllows, ssoSignInPath } from "./sso/sso-policy";
import { auth } from "./auth";
import type { Actor, SessionUser } from "./caller";
import { pageIpAllowLists, refuseAddressOfPage } from "./ip-allow-page";
import { loginPolicyAllows, passwordSignInPath } from "./login-policy";
import { enrolmentPath, twoFactorRequirementMet } from "./two-factor/requirement";
import { secondFactorPath } from "./two-factor/sign-in-step";
import { findSuperadminVisit, recordSuperadminView } from "./superadmin-access";
import { REQUESTED_PATH_HEADER } from "./requested-path";
import { safeReturnPath } from "./safe-redirect";
import { SLUG_PATTERN } from "./tenant-slug";
import { catalogPermissions } from "./groups/effective-permissions";
import { can, type Permission } from "./permissions";

export type { Actor, SessionUser };

const readSession = cache(async () => {
  const session = await auth();
  // Auth.js answers "no session" when its adapter fails: during a database outage that is not "signed
  // out" (which would send the user to the sign-in page) but a failed request.
  if (!session && databaseOutageNoted()) throw new DatabaseUnavailableError();
  const id = session?.user?.id;
  const email = session?.user?.email;
  if (!id || !email) return null;
  const authMethod = authMethodOf(session.authMethod);
  return { id, email, authMethod, twoFactor: session.twoFactor };
});

/**
 * The signed-in user, or null. A session whose user has two-factor on is nobody's until it has passed
 * the second factor (/login/two-factor): every page, action and tenant check reads the user here.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await readSession();
  if (!session || session.twoFactor === "pending") return null;
  return { id: session.id, email: session.email, authMethod: session.authMethod, twoFactorEnabled: session.twoFactor === "passed" };
});

/** The user of a session that has passed its first factor and waits for its second, or null. */
export async function getUserAwaitingSecondFactor(): Promise<{ id: string; email: string } | null> {
  const session = await readSession();
  return session?.twoFactor === "pending" ? { id: session.id, email: session.email } : null;
}

type AccountFlags = Awaited<ReturnType<typeof getAccountFlags>>;

/** What the tenant's nav shows of the caller's account (the switcher and the account's flags). */
export interface AccountNav {
  /** The caller's active tenants, by name: the tenant switcher (archived ones marked). */
  tenants: SwitcherTenant[];
  /** Shows "Create tenant". */
  canCreateTenants: boolean;
  /** Shows the link to the admin console. */
  isSuperadmin: boolean;
}

/** The caller in the tenant with this slug, found with the account's superadmin flag read just before. */
async function memberIn(tx: UserTx, user: SessionUser, slug: string, isSuperadmin: boolean): Promise<Actor | null> {
  const membership = await findMembershipBySlug(tx, user.id, slug);
  if (membership?.status === "active") {
    const groupPermissions = catalogPermissions(membership.groupPermissions);
    const flowScopedPermissions = catalogPermissions(membership.flowScopedPermissions);
    const { ssoRequirement, inTwoFactorGroup } = membership;
    return {
      user,
      tenant: membership.tenant,
      membershipId: membership.membershipId,
      roles: membership.roles,
      groupPermissions,
      flowScopedPermissions,
      inTwoFactorGroup,
      inCustomGroup: membership.inCustomGroup,
      viewersSeeDashboardsOnly: membership.viewersSeeDashboardsOnly,
      viaSuperadmin: false,
      ssoRequirement,
    };
  }
  return isSuperadmin ? findSuperadminVisit(tx, user, slug) : null;
}

/**
 * Runs `read` for the signed-in caller in ONE user-scope transaction (which sees only the caller's
 * own memberships), with the account's flags read first (one primary-key read, fresh: the superadmin
 * flag decides a visit). Null when signed out, or when the slug cannot name a tenant: a string from a
 * forged URL or action call (NUL, 100 kB) is not sent to PostgreSQL, which would refuse some of them.
 */
async function inCallerScope<T>(slug: string, read: (tx: UserTx, user: SessionUser, account: AccountFlags) => Promise<T>): Promise<T | null> {
  const user = await getSessionUser();
  if (!user || !SLUG_PATTERN.test(slug)) return null;
  return withUser({ userId: user.id }, async (tx) => read(tx, user, await getAccountFlags(tx, user.id)));
}

/**
 * The caller as an active member of the tenant with this slug, or as a visiting superadmin, or null
 * (signed out, not a member, suspended, no such tenant), whatever the tenant's login policy. For
 * actions and route handlers, which render no nav.
 */
const findMember = cache(async (slug: string): Promise<Actor | null> =>
  (await inCallerScope(slug, (tx, user, account) => memberIn(tx, user, slug, account.isSuperadmin))) ?? null,
);

/**
 * For pages: the caller in the tenant and everything the nav shows of the account, in the same one
 * transaction, once per request: the layout and the page share it.
 */
const findMemberWithNav = cache((slug: string) =>
  inCallerScope(slug, async (tx, user, account) => {
    const member = await memberIn(tx, user, slug, account.isSuperadmin);
    const nav = { tenants: await listTenantsOfUser(tx, user.id), ...account } satisfies AccountNav;
    return { member, nav, ipAllowLists: await pageIpAllowLists(tx, member) };
  }),
);

/**
 * What of the tenant's access policy keeps a member out, checked on every request: required single
 * sign-on (a session not opened by SAML, unless the break-glass Admin's), the login policy (a
 * magic-link session where passwords are required), then required two-factor not enrolled.
 */
function accessPolicyRefusal(member: Actor): "sso" | "password" | "two-factor" | null {
  if (!ssoPolicyAllows(member.ssoRequirement, member.user)) return "sso";
  if (!loginPolicyAllows(member.tenant, member.user.authMethod)) return "password";
  if (!twoFactorRequirementMet(member.tenant, member)) return "two-factor";
  return null;
}

/** The member, unless the tenant's access policy refuses them. */
function admittedByPolicy(member: Actor | null): Actor | null {
  return member && accessPolicyRefusal(member) === null ? member : null;
}

/**
 * The caller as an active member (or visiting superadmin) of the tenant with this slug, or null
 * (signed out, not a member, suspended, a magic-link session in a tenant that requires passwords, or
 * no two-factor where the tenant requires it: the policy holds for superadmins too).
 */
export const getActor = cache(async (slug: string): Promise<Actor | null> => admittedByPolicy(await findMember(slug)));

/**
 * What keeps out a caller who is a member (or visiting superadmin): the login policy ("password") or
 * required two-factor ("two-factor"); null when nothing does or they are no member (so saying which
 * reveals nothing).
 */
export async function tenantAccessRefusal(slug: string): Promise<"sso" | "password" | "two-factor" | null> {
  const member = await findMember(slug);
  return member && accessPolicyRefusal(member);
}

export async function requireSessionUser(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user && (await getUserAwaitingSecondFactor())) redirect(secondFactorPath(returnTo));
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/**
 * Where sign-in returns to from a page of this tenant: the path and query it was asked for (set by
 * proxy.ts), when that is a safe path into this tenant; else the tenant's overview.
 */
async function requestedTenantPath(slug: string): Promise<string> {
  const overview = `/t/${slug}`;
  let requested: string | null = null;
  try {
    requested = (await headers()).get(REQUESTED_PATH_HEADER);
  } catch {
    // Outside a request (scripts, tests): the overview.
  }
  // safeReturnPath gives back the header or "/" (never inside the tenant): a missing or unsafe header falls back.
  const path = safeReturnPath(requested);
  const rest = path.startsWith(overview) ? path.slice(overview.length) : null;
  // The overview itself (rest "") is the fallback anyway.
  return rest !== null && (rest.startsWith("/") || rest.startsWith("?")) ? path : overview;
}

/**
 * For pages: signed-out callers go to sign-in; members the login policy refuses go to the password
 * sign-in (before anything of the tenant renders); anyone else who is not an active member gets a 404.
 * Once per request: the layout and the page both ask, and a visiting superadmin's view is recorded once.
 */
export const requireActor = cache(async (slug: string): Promise<Actor> => (await requireActorWithNav(slug)).actor);

/**
 * requireActor for a page that needs `permission` (flows.read for the flow pages, …): a caller without
 * it gets the same 404 as a stranger, so a Viewer whom "Viewers see dashboards only" keeps out learns
 * nothing of what is there.
 */
export async function requireActorWith(slug: string, permission: Permission): Promise<Actor> {
  const actor = await requireActor(slug);
  if (!can(actor, permission)) notFound();
  return actor;
}

/**
 * requireActor for the tenant's layout, with what its nav shows of the account, read in the actor's
 * own transaction (no second one for the nav).
 */
export const requireActorWithNav = cache(async (slug: string): Promise<{ actor: Actor; nav: AccountNav }> => {
  const returnTo = await requestedTenantPath(slug);
  await requireSessionUser(returnTo);
  const caller = await findMemberWithNav(slug);
  // Signed in (or sent to sign-in above), so null means a slug that can name no tenant.
  if (!caller) notFound();
  const refusal = caller.member && accessPolicyRefusal(caller.member);
  // A member whom only the policy keeps out learns nothing by being sent to the password sign-in, or
  // to set up two-factor (before anything of the tenant renders).
  if (refusal === "sso") redirect(ssoSignInPath(slug, returnTo));
  if (refusal === "password") redirect(passwordSignInPath(returnTo));
  if (refusal === "two-factor") redirect(enrolmentPath(slug));
  const actor = caller.member;
  if (!actor) notFound();
  await refuseAddressOfPage(actor, caller.ipAllowLists, `/t/${slug}`);
  if (actor.viaSuperadmin) await recordSuperadminView(actor.tenant.id, actor.user, `/t/${slug}`);
  return { actor, nav: caller.nav };
});
