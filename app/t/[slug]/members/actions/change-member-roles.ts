"use server";

import { z } from "zod";
import { listGroupsOfMember, setGroupsOfMember } from "@/db/queries/groups";
import { updateMemberRoles } from "@/db/queries/members";
import type { MemberRole } from "@/db/schema";
import { ActionError } from "@/lib/actions/core";
import { tenantAction } from "@/lib/actions/tenant-action";
import { actingUserId } from "@/lib/caller";
import { appOrigin } from "@/lib/app-url";
import { roleChangeMail } from "@/lib/mail-templates/role-change";
import { keepingAMemberManager } from "@/lib/groups/keep-a-manager";
import { namedGroupsLabel, keepAnActiveAdmin, memberActivity, requireGroups, requireMember, type NamedGroup } from "./member-change";
import { groupIdsField, memberIdField, refuseNoGroup, rolesField } from "./member-input";
import { enqueueMail } from "@/lib/mail-outbox";

export interface ChangedRoles {
  memberId: string;
  roles: MemberRole[];
  /** The custom groups' ids the member is now in (when the change named them). */
  groupIds?: string[];
  /** The caller changed their own roles (the page must re-read what they may do). */
  self: boolean;
}

const sameRoles = (a: readonly MemberRole[], b: readonly MemberRole[]) => a.length === b.length && a.every((role) => b.includes(role));
const sameGroups = (a: readonly NamedGroup[], b: readonly NamedGroup[]) => a.length === b.length && a.every((group) => b.some((other) => other.id === group.id));

/**
 * Saves a member's roles and, when the form sends them, the custom groups they are in (at least one of
 * either: a member may be in custom groups only):
 * one transaction, one activity entry. They apply on the member's next request; the member is told by mail.
 */
export const changeMemberRoles = tenantAction({
  name: "member.roles_change",
  permission: "members.manage",
  lockTenant: true,
  input: z.object({ memberId: memberIdField, roles: rolesField, groups: groupIdsField.optional() }),
  async run({ tx, actor, input }) {
    const member = await requireMember(tx, input.memberId);
    const groupsBefore: NamedGroup[] = (await listGroupsOfMember(tx, tx.tenantId, member.userId)).map(({ id, name }) => ({ id, name }));
    const groupsAfter = input.groups === undefined ? groupsBefore : await requireGroups(tx, input.groups);
    refuseNoGroup(input.roles, groupsAfter);
    const [before, after] = [namedGroupsLabel(member.roles, groupsBefore), namedGroupsLabel(input.roles, groupsAfter)];
    if (sameRoles(member.roles, input.roles) && sameGroups(groupsBefore, groupsAfter)) {
      throw new ActionError("CONFLICT", `${member.email} already has exactly these roles and groups (${before}).`);
    }
    await keepAnActiveAdmin(tx, actor, member, { rolesAfter: input.roles, outcome: "lose the Admin role" });
    await keepingAMemberManager(tx, actor.tenant.name, async () => {
      await updateMemberRoles(tx, member.id, input.roles);
      await setGroupsOfMember(tx, member.userId, groupsAfter.map((group) => group.id));
    });
    // Queued with the change: the member is told once it has committed (lib/mail-outbox.ts).
    const mail = roleChangeMail({
      to: member.email,
      tenantName: actor.tenant.name,
      rolesBefore: before,
      rolesAfter: after,
      listsGroups: groupsBefore.length > 0 || groupsAfter.length > 0,
      changedBy: actor.user.email,
      tenantUrl: new URL(`/t/${actor.tenant.slug}`, await appOrigin()).toString(),
    });
    await enqueueMail(tx, mail, "member.roles_change");
    const summary = `${actor.user.email} changed ${member.email}'s roles from ${before} to ${after}`;
    const activity = memberActivity("member.roles_changed", member, summary, { roles: input.roles, status: member.status });
    return {
      data: {
        memberId: member.id,
        roles: input.roles,
        groupIds: groupsAfter.map((group) => group.id),
        self: member.userId === actingUserId(actor),
      } satisfies ChangedRoles,
      message: `${member.email} is now ${after}.`,
      activity: { ...activity, details: { ...activity.details, groupsBefore, groupsAfter } },
    };
  },
});
