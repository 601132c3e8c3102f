"use server";

import { z } from "zod";
import { deleteGroup as deleteGroupRecord } from "@/db/queries/groups";
import { tenantAction } from "@/lib/actions/tenant-action";
import { keepingAMemberManager } from "@/lib/groups/keep-a-manager";
import { refuseLeavingMembersInNoGroup } from "@/lib/groups/keep-in-a-group";
import { groupActivity, requireGroup } from "./group-change";
import { groupIdField } from "@/lib/groups/group-input";

/** Deletes a custom group: its members lose its permissions on their next request (they stay members). */
export const deleteGroup = tenantAction({
  name: "group.delete",
  permission: "members.manage",
  lockTenant: true,
  input: z.object({ groupId: groupIdField }),
  async run({ tx, actor, input }) {
    const group = await requireGroup(tx, input.groupId);
    await refuseLeavingMembersInNoGroup(tx, group);
    const members = await keepingAMemberManager(tx, actor.tenant.name, () => deleteGroupRecord(tx, group.id));
    return {
      data: { id: group.id },
      message: `Deleted the group ${group.name}.`,
      activity: groupActivity("group.deleted", group, `${actor.user.email} deleted the group ${group.name} (${members} members)`, {
        name: group.name,
        permissions: group.permissions,
        members,
      }),
    };
  },
});
