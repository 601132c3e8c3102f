// Who is asking, read from the database on every request: a role change, suspension or removal takes
// effect on the caller's very next request, without signing out.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { databaseOutageNoted, DatabaseUnavailableError } from "@/db/availability";
import { withSystem, withUser, type Tx, type UserTx } from "@/db/scopes";
import { findMembershipBySlug, type SwitcherTenant, type TenantMembership } from "@/db/queries/tenants";
import { readCallerPage, readCallerPageOfScopeUser } from "@/db/queries/caller-page";
import { getAccountFlags } from "@/db/queries/users";
import { findSessionEnteringUserWith, type SessionAndUser } from "@/db/queries/sessions";
import { authMethodOf } from "@/db/schema";
import { ssoPolicyAllows, ssoSignInPath } from "./sso/sso-policy";
import { isTenantBoundSession, sessionEntersTenant } from "./sso/session-binding";
import { auth } from "./auth";
import { readDatabaseSession, requestSessionToken, settleSession, unchangedSessionPayload } from "./database-session";
import type { SessionPayload } from "./session-payload";
import type { Actor, SessionUser } from "./caller";
import { refuseAddressOfPage } from "./ip-allow-page";
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

// The request's session, read once per request: by itself (readSession), or by the request's first
// caller transaction in the statement that enters the user's scope (inCallerScope).
const requestSession = cache((): { payload?: Promise<SessionPayload | null> } => ({}));

const readSession = cache(async () => {
  const slot = requestSession();
  slot.payload ??= auth();
  const session = await slot.payload;
  // Auth.js answers "no session" when its adapter fails: during a database outage that is not "signed
  // out" (which would send the user to the sign-in page) but a failed request.
  if (!session && databaseOutageNoted()) throw new DatabaseUnavailableError();
  return sessionOf(session);
});

/** What the pages use of a session payload (null: no usable session). */
function sessionOf(session: SessionPayload | null) {
  const id = session?.user?.id;
  const email = session?.user?.email;
  if (!id || !email) return null;
  const authMethod = authMethodOf(session.authMethod);
  return { id, email, authMethod, twoFactor: session.twoFactor, ssoTenantId: session.ssoTenantId ?? null };
}

/** The session's user as tenant pages see them: nobody while the second factor is pending. */
function tenantSessionUserOf(session: ReturnType<typeof sessionOf>): SessionUser | null {
  if (!session || session.twoFactor === "pending") return null;
  const { id, email, authMethod, ssoTenantId } = session;
  return { id, email, authMethod, twoFactorEnabled: session.twoFactor === "passed", ssoTenantId };
}

/**
 * The signed-in user as tenant pages, actions and route handlers see them, or null: a session bound
 * to one tenant by its single sign-on included (memberIn lets it into that tenant only:
 * lib/sso/session-binding.ts). A session whose user has two-factor on is nobody's until it has passed
 * the second factor (/login/two-factor).
 */
export const getTenantSessionUser = cache(async (): Promise<SessionUser | null> => tenantSessionUserOf(await readSession()));

/**
 * The signed-in user for everything outside a tenant (the console, the profile, creating a tenant,
 * invitations), or null: a session a tenant's single sign-on opened is nobody's there.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const user = await getTenantSessionUser();
  return user && !isTenantBoundSession(user) ? user : null;
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
  return actorOf(tx, user, slug, await findMembershipBySlug(tx, user.id, slug), isSuperadmin);
}

/** The caller as the membership in the slug's tenant makes them, or as a visiting superadmin, or null. */
async function actorOf(tx: UserTx, user: SessionUser, slug: string, membership: TenantMembership | null, isSuperadmin: boolean): Promise<Actor | null> {
  // A session bound by single sign-on is nobody's in any other tenant (and never a superadmin's).
  if (isTenantBoundSession(user)) {
    if (membership?.status !== "active" || !sessionEntersTenant(user, membership.tenant.id)) return null;
  }
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
      customGroupNames: membership.customGroupNames,
      viewersSeeDashboardsOnly: membership.viewersSeeDashboardsOnly,
      viaSuperadmin: false,
      ssoRequirement,
    };
  }
  return isSuperadmin ? findSuperadminVisit(tx, user, slug) : null;
}

// auth() is lib/database-session.ts's read in the app (lib/auth.ts), which the caller's transaction can
// make itself; where auth is another function (tests stand in for it: tests/support/session.ts), it
// is read through that function, in a transaction of its own.
const SESSION_READ_IN_CALLER_SCOPE = auth === readDatabaseSession;

/**
 * Runs `read` for the signed-in caller in ONE user-scope transaction (which sees only the caller's
 * own memberships). Null when signed out, or when the slug cannot name a tenant: a string from a
 * forged URL or action call (NUL, 100 kB) is not sent to PostgreSQL, which would refuse some of them.
 * When the request has not read its session yet, the same transaction reads it first (below).
 */
async function inCallerScope<T>(slug: string, read: (tx: UserTx, user: SessionUser) => Promise<T>): Promise<T | null> {
  return inCallerScopeWith(slug, async () => undefined, read);
}

/**
 * inCallerScope with `ahead`, a read of the scope's user (it takes the user from the scope, never
 * from an argument) asked for first: when the transaction also reads the session, right behind the
 * session's statement, in the same round trip (db/queries/sessions.ts findSessionEnteringUserWith).
 * `read` gets its answer, which it must hold to the caller it is given.
 */
async function inCallerScopeWith<T, A>(
  slug: string,
  ahead: (tx: Tx) => Promise<A>,
  read: (tx: UserTx, user: SessionUser, ahead: Promise<A>) => Promise<T>,
): Promise<T | null> {
  if (SESSION_READ_IN_CALLER_SCOPE && !requestSession().payload && SLUG_PATTERN.test(slug)) return readSessionThenCaller(ahead, read);
  const user = await getTenantSessionUser();
  if (!user || !SLUG_PATTERN.test(slug)) return null;
  return withUser({ userId: user.id }, (tx) => read(tx, user, ahead(tx)));
}

/**
 * The request's session read and the caller's reads in one transaction: the statement that finds the
 * session enters its user's scope (db/queries/sessions.ts findSessionEnteringUser), two round trips
 * fewer than a transaction for each, and `ahead` goes with it (one more fewer). The request's session
 * is the one read here (readSession answers it). A session that needs a write first (expired, or due
 * for its new expiry) is settled as readDatabaseSession settles it, after this transaction, and the
 * caller read in a transaction of its own (`ahead`'s answer dropped, and asked for again there).
 */
async function readSessionThenCaller<T, A>(
  ahead: (tx: Tx) => Promise<A>,
  read: (tx: UserTx, user: SessionUser, ahead: Promise<A>) => Promise<T>,
): Promise<T | null> {
  // Taken before anything is awaited, so a read of the session meanwhile waits for this one.
  let answer!: (payload: SessionPayload | null) => void;
  requestSession().payload = new Promise((resolve) => (answer = resolve));
  let answered = false;
  const answerSession = (payload: SessionPayload | null) => {
    answered = true;
    answer(payload);
  };
  try {
    const token = await requestSessionToken();
    if (token === null) {
      answerSession(null);
      return null;
    }
    const outcome = await withSystem(async (tx): Promise<{ read: T | null } | { unsettled: SessionAndUser }> => {
      const { entered, ahead: aheadAnswer } = await findSessionEnteringUserWith(tx, token, ahead);
      const payload = entered && unchangedSessionPayload(entered.found);
      if (entered && !payload) return { unsettled: entered.found };
      answerSession(payload);
      // From the payload itself: where React's cache memoises nothing (outside a server render),
      // readSession would read the session again, in a second transaction opened inside this one.
      const user = tenantSessionUserOf(sessionOf(payload));
      return { read: entered && user ? await read(entered.userTx, user, aheadAnswer) : null };
    });
    if ("read" in outcome) return outcome.read;
    answerSession(await settleSession(token, outcome.unsettled));
  } catch (error) {
    if (answered) throw error;
    // The session could not be read: as readDatabaseSession answers (readSession tells an outage apart).
    console.error("Could not read the session:", error);
    answerSession(null);
  }
  const user = await getTenantSessionUser();
  return user && withUser({ userId: user.id }, (tx) => read(tx, user, ahead(tx)));
}

/**
 * The caller as an active member of the tenant with this slug, or as a visiting superadmin, or null
 * (signed out, not a member, suspended, no such tenant), whatever the tenant's login policy. For
 * actions and route handlers, which render no nav. The account's flags are read first (one
 * primary-key read, fresh: the superadmin flag decides a visit).
 */
const findMember = cache(async (slug: string): Promise<Actor | null> =>
  (await inCallerScope(slug, async (tx, user) => memberIn(tx, user, slug, (await getAccountFlags(tx, user.id)).isSuperadmin))) ?? null,
);

/**
 * For pages: the caller in the tenant and everything the nav shows of the account, in the same one
 * transaction, once per request: the layout and the page share it.
 */
const findMemberWithNav = cache((slug: string) =>
  inCallerScopeWith(slug, (tx) => readCallerPageOfScopeUser(tx, slug), async (tx, user, ahead) => {
    // The account's flags, the switcher, the membership and its IP allow-lists: one statement, asked
    // for with the session's. It read the scope's user, who is the caller (the session's statement
    // entered their scope); were it anyone else, it is read again for the caller.
    const asked = await ahead;
    const page = asked.userId === user.id ? asked.page : await readCallerPage(tx, user.id, slug);
    const member = await actorOf(tx, user, slug, page.membership, page.account.isSuperadmin);
    // The lists come for an active member only: a visiting superadmin's page views are not held to them.
    return { member, nav: navOf(user, page.switcher, page.account), ipAllowLists: page.ipAllowLists };
  }),
);

/**
 * The nav of the account. A session bound to its tenant by single sign-on shows that tenant only, and
 * neither "Create tenant" nor the console (which it does not open).
 */
function navOf(user: SessionUser, tenants: SwitcherTenant[], account: AccountFlags): AccountNav {
  if (!isTenantBoundSession(user)) return { tenants, ...account };
  return { tenants: tenants.filter((tenant) => sessionEntersTenant(user, tenant.id)), canCreateTenants: false, isSuperadmin: false };
}

/**
 * What of the tenant's access policy keeps a member out, checked on every request: required single
 * sign-on (a session not opened by SAML, unless the break-glass Admin's), the login policy (a
 * magic-link session where passwords are required), then required two-factor not enrolled.
 */
function accessPolicyRefusal(member: Actor): "sso" | "password" | "two-factor" | null {
  if (!ssoPolicyAllows(member.ssoRequirement, member.user, member.tenant.id)) return "sso";
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

/** The sign-in page, returning to `returnTo`. */
const signInPath = (returnTo: string) => `/login?callbackUrl=${encodeURIComponent(returnTo)}`;

async function requireSignedIn(user: SessionUser | null, returnTo: string): Promise<SessionUser> {
  if (!user && (await getUserAwaitingSecondFactor())) redirect(secondFactorPath(returnTo));
  if (!user) redirect(signInPath(returnTo));
  return user;
}

/**
 * For pages outside any tenant: the signed-in user, else to sign-in (or the second factor). A session
 * bound to a tenant by its single sign-on is sent to sign in with the account's own method.
 */
export async function requireSessionUser(returnTo: string): Promise<SessionUser> {
  return requireSignedIn(await getSessionUser(), returnTo);
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
  // The caller first: its transaction reads the request's session too (inCallerScope).
  const caller = await findMemberWithNav(slug);
  const user = await requireSignedIn(await getTenantSessionUser(), returnTo);
  // Signed in (or sent to sign-in above), so null means a slug that can name no tenant.
  if (!caller) notFound();
  // A session bound to another tenant by its single sign-on is signed out here, whatever this tenant
  // is (so nothing of it is revealed): the account's own sign-in opens it, if anything does.
  if (!caller.member && isTenantBoundSession(user)) redirect(signInPath(returnTo));
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
