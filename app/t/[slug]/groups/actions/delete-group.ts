"use server";

import { z } from "zod";
import { deleteGroup as deleteGroupRecord } from "@/db/queries/groups";
import { findSsoDefault } from "@/db/queries/sso-default-group";
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
    // Deleting the default group for new single sign-on users leaves Viewer as the default (the
    // foreign key, migration sso_default_group): the entry says so.
    const wasSsoDefault = (await findSsoDefault(tx))?.group?.id === group.id;
    const members = await keepingAMemberManager(tx, actor.tenant.name, () => deleteGroupRecord(tx, group.id));
    return {
      data: { id: group.id },
      message: `Deleted the group ${group.name}.`,
      activity: groupActivity("group.deleted", group, `${actor.user.email} deleted the group ${group.name} (${members} members)${wasSsoDefault ? "; new single sign-on users now join as Viewer" : ""}`, {
        name: group.name,
        permissions: group.permissions,
        members,
        ...(wasSsoDefault && { wasSsoDefault }),
      }),
    };
  },
});
