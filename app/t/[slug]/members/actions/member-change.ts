// What every membership change shares: the target member looked up in this tenant only, the
// last-Admin rule, and how the activity entry describes it. The tenant lock, and the caller
// re-checked under it, are the wrapper's (`lockTenant: true`): membership changes of one tenant run one at a time.
import { findGroupsByIds } from "@/db/queries/groups";
import { findMember, type Member } from "@/db/queries/members";
import { isUuid } from "@/lib/ids";
import { groupsLabel } from "@/lib/permissions";
import { countOtherActiveManagers } from "@/lib/groups/keep-a-manager";
import type { MemberRole } from "@/db/schema";
import type { TenantTx } from "@/db/scopes";
import { actingUserId, type Actor } from "@/lib/caller";
import { requireRow } from "@/lib/actions/require-row";
import { ActionError, type ActivityRecord } from "@/lib/actions/core";

/** The member with this id in the caller's tenant; an id from anywhere else is simply not found. */
export function requireMember(tx: TenantTx, memberId: string): Promise<Member> {
  return requireRow(memberId, (id) => findMember(tx, id));
}

export type NamedGroup = { id: string; name: string };

/**
 * The custom groups named by the form, each looked up in the caller's tenant only: an id of another
 * tenant's group (or a deleted one) is refused next to the field, changing nothing.
 */
export async function requireGroups(tx: TenantTx, groupIds: readonly string[]): Promise<NamedGroup[]> {
  const found = groupIds.every(isUuid) ? await findGroupsByIds(tx, groupIds) : [];
  if (found.length !== groupIds.length) {
    throw new ActionError("NOT_FOUND", "One of the chosen groups does not exist. Reload the page and choose again.", {
      groups: ["One of the chosen groups does not exist (it may have been deleted)."],
    });
  }
  return found;
}

/** "Editor, Marketing": the built-in groups (roles), then the custom groups, as a member reads them. */
export const namedGroupsLabel = (roles: readonly MemberRole[], groups: readonly NamedGroup[]) => groupsLabel(roles, groups.map((group) => group.name));

/**
 * The tenant always keeps an active Admin, or someone else who can manage members (a custom group
 * with Manage members): refuses to take Admin away from `member` (by demotion, suspension or removal)
 * when no other active member can manage members. Run under the tenant lock. A member who manages
 * through a custom group only is held by keepingAMemberManager (lib/groups/keep-a-manager.ts) around the change.
 */
export async function keepAnActiveAdmin(
  tx: TenantTx,
  actor: Actor,
  member: Member,
  change: { rolesAfter?: MemberRole[]; outcome: "lose the Admin role" | "be suspended" | "be removed" },
) {
  const staysAdmin = change.rolesAfter?.includes("admin") ?? false;
  if (member.status !== "active" || !member.roles.includes("admin") || staysAdmin) return;
  if ((await countOtherActiveManagers(tx, member.userId)) > 0) return;
  const [who, subject] = member.userId === actingUserId(actor) ? ["You are", "you"] : [`${member.email} is`, "they"];
  throw new ActionError(
    "CONFLICT",
    `${who} the only active Admin of ${actor.tenant.name}, so ${subject} cannot ${change.outcome}. Make another member an Admin first.`,
  );
}

/** The activity entry of a membership change: who it was about, and their roles and status before and after. */
export function memberActivity(
  action: string,
  member: Pick<Member, "id" | "userId" | "email" | "roles"> & { status: Member["status"] | null },
  summary: string,
  after: { roles: MemberRole[]; status: Member["status"] | null },
): ActivityRecord {
  return {
    action,
    targetType: "membership",
    targetId: member.id,
    summary,
    details: {
      memberUserId: member.userId,
      memberEmail: member.email,
      rolesBefore: member.roles,
      rolesAfter: after.roles,
      statusBefore: member.status,
      statusAfter: after.status,
    },
  };
}

