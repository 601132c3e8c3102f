"use server";

import { z } from "zod";
import { updateGroup } from "@/db/queries/groups";
import { tenantAction } from "@/lib/actions/tenant-action";
import { keepingAMemberManager } from "@/lib/groups/keep-a-manager";
import { groupActivity, permissionsLabel, requireGroup } from "./group-change";
import { groupIdField, permissionsField } from "@/lib/groups/group-input";

/** Replaces the group's permissions; effective for its members on their next request. */
export const setGroupPermissions = tenantAction({
  name: "group.permissions_change",
  permission: "members.manage",
  lockTenant: true,
  input: z.object({ groupId: groupIdField, permissions: permissionsField }),
  async run({ tx, actor, input }) {
    const group = await requireGroup(tx, input.groupId);
    const same = group.permissions.length === input.permissions.length && input.permissions.every((p) => group.permissions.includes(p));
    if (same) return { data: { id: group.id }, activity: null, message: "Nothing changed." };
    // Dropping Manage members from the group could leave nobody who can manage members.
    await keepingAMemberManager(tx, actor.tenant.name, () => updateGroup(tx, group.id, { permissions: input.permissions }));
    const [before, after] = [permissionsLabel(group.permissions), permissionsLabel(input.permissions)];
    return {
      data: { id: group.id },
      message: `Saved the permissions of ${group.name}.`,
      activity: groupActivity("group.permissions_changed", group, `${actor.user.email} changed the permissions of ${group.name} from ${before} to ${after}`, {
        name: group.name,
        permissionsBefore: group.permissions,
        permissionsAfter: input.permissions,
      }),
    };
  },
});
