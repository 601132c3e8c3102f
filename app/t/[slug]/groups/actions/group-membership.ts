"use server";

// Putting a member into a custom group and taking them out. Both the group and the member are looked
// up in the caller's tenant only: an id of another tenant's group or member answers NOT_FOUND.
import { z } from "zod";
import { deleteGroupMember, insertGroupMember } from "@/db/queries/groups";
import { tenantAction } from "@/lib/actions/tenant-action";
import { keepingAMemberManager } from "@/lib/groups/keep-a-manager";
import { refuseLeavingMembersInNoGroup } from "@/lib/groups/keep-in-a-group";
import { requireMember } from "../../members/actions/member-change";
import { memberIdField } from "../../members/actions/member-input";
import { groupActivity, requireGroup } from "./group-change";
import { groupIdField } from "@/lib/groups/group-input";

const GroupMemberInput = z.object({ groupId: groupIdField, memberId: memberIdField });

type Group = { id: string; name: string };
type Member = { id: string; userId: string; email: string };

/** What adding or removing wrote: the entry naming the member, or none when nothing changed. */
function membershipOutcome(changed: boolean, group: Group, member: Member, entry: { action: string; summary: string; message: string; unchanged: string }) {
  const data = { groupId: group.id, memberId: member.id };
  if (!changed) return { data, activity: null, message: entry.unchanged };
  const details = { name: group.name, memberUserId: member.userId, memberEmail: member.email };
  return { data, message: entry.message, activity: groupActivity(entry.action, group, entry.summary, details) };
}

export const addGroupMember = tenantAction({
  name: "group.member_add",
  permission: "members.manage",
  lockTenant: true,
  input: GroupMemberInput,
  async run({ tx, actor, input }) {
    const group = await requireGroup(tx, input.groupId);
    const member = await requireMember(tx, input.memberId);
    const added = await insertGroupMember(tx, group.id, member.userId);
    return membershipOutcome(added, group, member, {
      action: "group.member_added",
      summary: `${actor.user.email} added ${member.email} to the group ${group.name}`,
      message: `Added ${member.email} to ${group.name}.`,
      unchanged: `${member.email} is already in ${group.name}.`,
    });
  },
});

export const removeGroupMember = tenantAction({
  name: "group.member_remove",
  permission: "members.manage",
  lockTenant: true,
  input: GroupMemberInput,
  async run({ tx, actor, input }) {
    const group = await requireGroup(tx, input.groupId);
    const member = await requireMember(tx, input.memberId);
    await refuseLeavingMembersInNoGroup(tx, group, member.userId);
    const removed = await keepingAMemberManager(tx, actor.tenant.name, () => deleteGroupMember(tx, group.id, member.userId));
    return membershipOutcome(removed, group, member, {
      action: "group.member_removed",
      summary: `${actor.user.email} removed ${member.email} from the group ${group.name}`,
      message: `Removed ${member.email} from ${group.name}.`,
      unchanged: `${member.email} is not in ${group.name}.`,
    });
  },
});
