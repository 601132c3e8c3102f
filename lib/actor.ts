// Who is asking, read from the database on every request: a role change, suspension or removal takes
// effect on the caller's very next request, without signing out.
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { withUser } from "@/db/scopes";
import { findMembershipBySlug, type TenantMembership } from "@/db/queries/tenants";
import type { MemberRole } from "@/db/schema";
import { auth } from "./auth";
import { findSuperadminVisit, recordSuperadminView } from "./superadmin-access";

export interface SessionUser {
  id: string;
  email: string;
}

export interface Actor {
  user: SessionUser;
  tenant: TenantMembership["tenant"];
  /** Null for a superadmin visiting a tenant they are not an active member of. */
  membershipId: string | null;
  roles: MemberRole[];
  /** A superadmin entered this tenant without being an active member (see lib/superadmin-access.ts). */
  viaSuperadmin: boolean;
}

export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  const email = session?.user?.email;
  return id && email ? { id, email } : null;
});

/**
 * The caller as an active member of the tenant with this slug, or as a visiting superadmin, or null
 * (signed out, not a member, suspended, no such tenant).
 */
export const getActor = cache(async (slug: string): Promise<Actor | null> => {
  const user = await getSessionUser();
  if (!user) return null;
  const membership = await withUser({ userId: user.id }, (tx) => findMembershipBySlug(tx, user.id, slug));
  if (!membership || membership.status !== "active") return findSuperadminVisit(user, slug);
  return { user, tenant: membership.tenant, membershipId: membership.membershipId, roles: membership.roles, viaSuperadmin: false };
});

export async function requireSessionUser(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For pages: signed-out callers go to sign-in; anyone else who is not an active member gets a 404. */
export async function requireActor(slug: string): Promise<Actor> {
  await requireSessionUser(`/t/${slug}`);
  const actor = await getActor(slug);
  if (!actor) notFound();
  if (actor.viaSuperadmin) await recordSuperadminView(actor.tenant.id, actor.user, `/t/${slug}`);
  return actor;
}
