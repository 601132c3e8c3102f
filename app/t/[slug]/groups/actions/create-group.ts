"use server";

import { z } from "zod";
import { insertGroup } from "@/db/queries/groups";
import { tenantAction } from "@/lib/actions/tenant-action";
import { groupActivity, permissionsLabel, withUniqueGroupName } from "./group-change";
import { groupNameField, permissionsField } from "@/lib/groups/group-input";

/** Creates a custom group with a set of permissions from the catalog (and no members yet). */
export const createGroup = tenantAction({
  name: "group.create",
  permission: "members.manage",
  lockTenant: true,
  input: z.object({ name: groupNameField, permissions: permissionsField }),
  async run({ tx, actor, input }) {
    const group = await withUniqueGroupName(() => insertGroup(tx, { name: input.name, permissions: input.permissions }));
    return {
      data: { id: group.id, name: group.name },
      message: `Created the group ${group.name}.`,
      activity: groupActivity(
        "group.created",
        group,
        `${actor.user.email} created the group ${group.name} with ${permissionsLabel(group.permissions)}`,
        { name: group.name, permissions: group.permissions },
      ),
    };
  },
});
