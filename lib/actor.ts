// Who is asking, read from the database on every request: a role change, suspension or removal takes
// effect on the caller's very next request, without signing out.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { databaseOutageNoted, DatabaseUnavailableError } from "@/db/availability";
import { withUser } from "@/db/scopes";
import { findMembershipBySlug } from "@/db/queries/tenants";
import { auth } from "./auth";
import type { Actor, SessionUser } from "./caller";
import { loginPolicyAllows, passwordSignInPath } from "./login-policy";
import { enrolmentPath, twoFactorRequirementMet } from "./two-factor/requirement";
import { secondFactorPath } from "./two-factor/sign-in-step";
import { findSuperadminVisit, recordSuperadminView } from "./superadmin-access";
import { REQUESTED_PATH_HEADER } from "./requested-path";
import { safeReturnPath } from "./safe-redirect";
import { SLUG_PATTERN } from "./tenant-slug";

export type { Actor, SessionUser };

const readSession = cache(async () => {
  const session = await auth();
  // Auth.js answers "no session" when its adapter fails: during a database outage that is not "signed
  // out" (which would send the user to the sign-in page) but a failed request.
  if (!session && databaseOutageNoted()) throw new DatabaseUnavailableError();
  const id = session?.user?.id;
  const email = session?.user?.email;
  if (!id || !email) return null;
  const authMethod = session.authMethod === "password" ? ("password" as const) : ("magic_link" as const);
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

/**
 * The caller as an active member of the tenant with this slug, or as a visiting superadmin, or null
 * (signed out, not a member, suspended, no such tenant), whatever the tenant's login policy.
 */
const findMember = cache(async (slug: string): Promise<Actor | null> => {
  const user = await getSessionUser();
  // A string that cannot be a slug (from a forged URL or action call: NUL, 100 kB) names no
  // tenant, and is not sent to PostgreSQL, which would refuse some of them with an error.
  if (!user || !SLUG_PATTERN.test(slug)) return null;
  const membership = await withUser({ userId: user.id }, (tx) => findMembershipBySlug(tx, user.id, slug));
  if (!membership || membership.status !== "active") return findSuperadminVisit(user, slug);
  return { user, tenant: membership.tenant, membershipId: membership.membershipId, roles: membership.roles, viaSuperadmin: false };
});

/**
 * The caller as an active member (or visiting superadmin) of the tenant with this slug, or null
 * (signed out, not a member, suspended, or a magic-link session in a tenant that requires passwords:
 * the policy holds for superadmins too).
 */
export const getActor = cache(async (slug: string): Promise<Actor | null> => {
  const member = await findMember(slug);
  return member && accessPolicyRefusal(member) === null ? member : null;
});

/**
 * What of the tenant's access policy keeps a member out, checked on every request: the login policy
 * (a magic-link session where passwords are required), then required two-factor not enrolled.
 */
function accessPolicyRefusal(member: Actor): "password" | "two-factor" | null {
  if (!loginPolicyAllows(member.tenant, member.user.authMethod)) return "password";
  if (!twoFactorRequirementMet(member.tenant, member)) return "two-factor";
  return null;
}

/**
 * What keeps out a caller who is a member (or visiting superadmin): the login policy ("password") or
 * required two-factor ("two-factor"); null when nothing does or they are no member (so saying which
 * reveals nothing).
 */
export async function tenantAccessRefusal(slug: string): Promise<"password" | "two-factor" | null> {
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
export const requireActor = cache(async (slug: string): Promise<Actor> => {
  const returnTo = await requestedTenantPath(slug);
  await requireSessionUser(returnTo);
  const actor = await getActor(slug);
  if (!actor) {
    const refusal = await tenantAccessRefusal(slug);
    if (refusal === "password") redirect(passwordSignInPath(returnTo));
    // Before anything of the tenant renders: the member sets up two-factor first.
    if (refusal === "two-factor") redirect(enrolmentPath(slug));
    notFound();
  }
  if (actor.viaSuperadmin) await recordSuperadminView(actor.tenant.id, actor.user, `/t/${slug}`);
  return actor;
});
