"use server";

import { z } from "zod";
import { updateGroup } from "@/db/queries/groups";
import { tenantAction } from "@/lib/actions/tenant-action";
import { groupActivity, requireGroup, withUniqueGroupName } from "./group-change";
import { groupIdField, groupNameField } from "@/lib/groups/group-input";

export const renameGroup = tenantAction({
  name: "group.rename",
  permission: "members.manage",
  lockTenant: true,
  input: z.object({ groupId: groupIdField, name: groupNameField }),
  async run({ tx, actor, input }) {
    const group = await requireGroup(tx, input.groupId);
    if (group.name === input.name) return { data: { id: group.id, name: group.name }, activity: null, message: "Nothing changed." };
    const renamed = await withUniqueGroupName(() => updateGroup(tx, group.id, { name: input.name }));
    return {
      data: { id: group.id, name: renamed!.name },
      message: `Renamed the group to ${renamed!.name}.`,
      activity: groupActivity("group.renamed", group, `${actor.user.email} renamed the group ${group.name} to ${renamed!.name}`, {
        from: group.name,
        to: renamed!.name,
      }),
    };
  },
});
