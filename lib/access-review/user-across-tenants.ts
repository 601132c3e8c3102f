// The superadmin's access review of one user across tenants (/admin/users/<id>/access): the account
// (two-factor, last sign-in) and, per tenant the user belongs to, their status, groups, effective
// permissions and last activity there. Reading a tenant's membership and log is an access to that
// tenant's data, so each tenant is entered through withPlatform's enterTenant, which writes
// "superadmin.accessed" into that tenant's log in the same transaction.
import "server-only";
import { enterUser, type PlatformAccess, type PlatformTx } from "@/db/scopes";
import { findAccessReviewOfUser, findAccountForReview, findTenantLabel } from "@/db/queries/access-review";
import { listTenantIdsOfUser } from "@/db/queries/memberships";
import { memberAccess } from "./member-access";

export const USER_ACCESS_REASON = "Reviewed a user's access across tenants in the superadmin console";

/** The review, or null when no such account exists. `viewedPath` is written into each tenant's log. */
export async function reviewUserAcrossTenants(tx: PlatformTx, platform: PlatformAccess, userId: string, viewedPath: string) {
  const account = await findAccountForReview(tx, userId);
  if (!account) return null;
  // Which tenants hold a membership of the user: memberships are tenant rows, visible without a tenant
  // only to the user's own scope (the switcher's policy). The superadmin flag was checked in this
  // transaction first (withPlatform); the enterTenant below puts the platform scope back.
  const tenantIds = await listTenantIdsOfUser(await enterUser(tx, { userId }), userId);
  const tenants = [];
  for (const tenantId of tenantIds) {
    const inTenant = await platform.enterTenant(tenantId, USER_ACCESS_REASON, viewedPath);
    const label = await findTenantLabel(tx, tenantId);
    const row = await findAccessReviewOfUser(inTenant, userId);
    if (label && row) tenants.push({ tenant: label, ...row, ...memberAccess(row) });
  }
  tenants.sort((a, b) => a.tenant.name.localeCompare(b.tenant.name));
  return { account, tenants };
}
