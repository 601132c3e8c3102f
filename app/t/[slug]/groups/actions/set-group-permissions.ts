"use server";

import { z } from "zod";
import { updateGroup } from "@/db/queries/groups";
import { findSsoDefault } from "@/db/queries/sso-default-group";
import { ActionError } from "@/lib/actions/core";
import { tenantAction } from "@/lib/actions/tenant-action";
import { adminOnlyPermissionsOf, defaultGroupKeepsNoAdminPermissions } from "@/lib/sso/sso-default-group";
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
    // The default group for new single sign-on users never holds an Admin-only permission (Settings
    // refuses such a group as the default; this keeps it so; a sign-in would fall back to Viewer).
    if (adminOnlyPermissionsOf(input.permissions).length && (await findSsoDefault(tx))?.group?.id === group.id) {
      const message = defaultGroupKeepsNoAdminPermissions(group.name, input.permissions);
      throw new ActionError("CONFLICT", message, { permissions: [message] });
    }
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
