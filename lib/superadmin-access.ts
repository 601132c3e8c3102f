// A superadmin can enter any tenant. One who is not an active member of it gets Admin powers there,
// marked `viaSuperadmin`: the tenant's pages show a banner, every page view is written to the
// tenant's activity log ("superadmin.viewed"), and every change is recorded as made by a superadmin.
// The flag is read from the database on every request, so revoking it closes every tenant at once.
// A superadmin who is an active member acts as that member (their own roles, no banner).
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { withTenant, type UserTx } from "@/db/scopes";
import { recordActivity } from "@/db/queries/activity/tenant-log";
import { findTenantBySlug } from "@/db/queries/platform-tenants";
import { isSuperadminTwoFactorRequired } from "@/db/queries/platform-settings";
import type { MemberRole } from "@/db/schema";
import { clientIp } from "./client-ip";
import { REQUEST_KIND_HEADER, VIEWED_PATH_HEADER } from "./viewed-path";
import type { Actor, SessionUser } from "./caller";

/** What a superadmin may do in a tenant they entered: everything an Admin may. */
export const SUPERADMIN_ROLES: MemberRole[] = ["admin"];

/**
 * The caller, a superadmin (their flag read in this same transaction), entering the tenant with this
 * slug; null when no tenant has it. Runs in the caller's actor transaction (lib/actor.ts).
 */
export async function findSuperadminVisit(tx: UserTx, user: SessionUser, slug: string): Promise<Actor | null> {
  // The platform may require two-factor of superadmins: without it, no tenant opens to them as one.
  if (!user.twoFactorEnabled && (await isSuperadminTwoFactorRequired(tx))) return null;
  const tenant = await findTenantBySlug(tx, slug);
  // As Admin: "Viewers see dashboards only" never holds for them (lib/permissions.ts).
  return tenant ? { user, tenant, membershipId: null, roles: SUPERADMIN_ROLES, viaSuperadmin: true, viewersSeeDashboardsOnly: false } : null;
}

/**
 * Writes "superadmin.viewed" into the tenant's log for a page a visiting superadmin opened. Once per
 * request (the layout and the page both ask); not for router prefetches (nobody saw a page) nor for
 * the re-render after a server action (the action wrote its own entry).
 */
export const recordSuperadminView = cache(async (tenantId: string, user: SessionUser, fallbackPath: string) => {
  const request = await requestInfo();
  if (request.kind !== "view") return;
  const path = request.path ?? fallbackPath;
  const ip = await clientIp();
  await withTenant({ tenantId, userId: user.id }, (tx) =>
    recordActivity(tx, {
      actorUserId: user.id,
      actorEmail: user.email,
      action: "superadmin.viewed",
      targetType: "page",
      targetId: path,
      summary: `${user.email} viewed ${path} as superadmin`,
      details: { path, viaSuperadmin: true },
      ip,
    }),
  );
});

async function requestInfo() {
  try {
    const h = await headers();
    // Set by the server's listener (lib/request-stamp.ts) from the method and Next's headers (never
    // the client's raw headers); missing means it did not run, which counts as a view.
    const kind = h.get(REQUEST_KIND_HEADER);
    return { path: h.get(VIEWED_PATH_HEADER), kind: kind === "prefetch" || kind === "action" ? kind : "view" };
  } catch {
    // Outside a request (scripts, tests): a plain view of the fallback path.
    return { path: null, kind: "view" };
  }
}
