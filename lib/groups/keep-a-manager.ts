// The tenant always keeps an active member who can manage members (members.manage), whether they have
// it from the built-in Admin group or from a custom group. Every change that could take it away (a
// member demoted, suspended or removed; a group deleted, its permission dropped, a member taken out)
// runs under the tenant lock (lockTenant), so two such changes never both pass on a stale count.
import "server-only";
import { countActiveManagers } from "@/db/queries/groups";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import type { TenantTx } from "@/db/scopes";
import { ActionError } from "../actions/core";
import { permissionsOfRole, type Permission } from "../permissions";

const MANAGE: Permission = "members.manage";
/** The built-in groups that carry members.manage (Admin). */
const MANAGING_ROLES = MEMBER_ROLES.filter((role) => permissionsOfRole(role).includes(MANAGE));

/** Active members other than `userId` who can manage members now. */
export const countOtherActiveManagers = (tx: TenantTx, userId: string) => countActiveManagers(tx, MANAGE, MANAGING_ROLES, { exceptUserId: userId });

/**
 * Runs `change` in the action's transaction and refuses it (the transaction rolls back) when it took
 * away the last active member who could manage members. A tenant that had none before (a visiting
 * superadmin tidying a tenant whose owner has not yet accepted) is not held to it.
 */
export async function keepingAMemberManager<T>(tx: TenantTx, tenantName: string, change: () => Promise<T>): Promise<T> {
  const before = await countActiveManagers(tx, MANAGE, MANAGING_ROLES);
  const result = await change();
  if (before === 0 || (await countActiveManagers(tx, MANAGE, MANAGING_ROLES)) > 0) return result;
  throw new ActionError(
    "CONFLICT",
    `After this change nobody active could manage the members of ${tenantName}. Give another member the Admin group or a group with Manage members first.`,
  );
}
