"use server";

// Putting a member into a custom group and taking them out. Both the group and the member are looked
// up in the caller's tenant only: an id of another tenant's group or member answers NOT_FOUND.
import { z } from "zod";
import { deleteGroupMember, insertGroupMember } from "@/db/queries/groups";
import { tenantAction } from "@/lib/actions/tenant-action";
import { keepingAMemberManager } from "@/lib/groups/keep-a-manager";
import { requireMember } from "../../members/actions/member-change";
import { memberIdField } from "../../members/actions/member-input";
import { groupActivity, requireGroup } from "./group-change";
import { groupIdField } from "./group-input";

const GroupMemberInput = z.object({ groupId: groupIdField, memberId: memberIdField });

export const addGroupMember = tenantAction({
  name: "group.member_add",
  permission: "members.manage",
  lockTenant: true,
  input: GroupMemberInput,
  async run({ tx, actor, input }) {
    const group = await requireGroup(tx, input.groupId);
    const member = await requireMember(tx, input.memberId);
    const added = await insertGroupMember(tx, group.id, member.userId);
    if (!added) return { data: { groupId: group.id, memberId: member.id }, activity: null, message: `${member.email} is already in ${group.name}.` };
    return {
      data: { groupId: group.id, memberId: member.id },
      message: `Added ${member.email} to ${group.name}.`,
      activity: groupActivity("group.member_added", group, `${actor.user.email} added ${member.email} to the group ${group.name}`, {
        name: group.name,
        memberUserId: member.userId,
        memberEmail: member.email,
      }),
    };
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
    const removed = await keepingAMemberManager(tx, actor.tenant.name, () => deleteGroupMember(tx, group.id, member.userId));
    if (!removed) return { data: { groupId: group.id, memberId: member.id }, activity: null, message: `${member.email} is not in ${group.name}.` };
    return {
      data: { groupId: group.id, memberId: member.id },
      message: `Removed ${member.email} from ${group.name}.`,
      activity: groupActivity("group.member_removed", group, `${actor.user.email} removed ${member.email} from the group ${group.name}`, {
        name: group.name,
        memberUserId: member.userId,
        memberEmail: member.email,
      }),
    };
  },
});
