"use server";

import { z } from "zod";
import { deleteMember } from "@/db/queries/members";
import { tenantAction } from "@/lib/actions/tenant-action";
import { actingUserId } from "@/lib/caller";
import { keepingAMemberManager } from "@/lib/groups/keep-a-manager";
import { keepAnActiveAdmin, memberActivity, requireMember } from "./member-change";
import { memberIdField } from "./member-input";

/**
 * Removes a member from this tenant: access ends on their next request and the tenant leaves their
 * switcher. Their account and their other tenants are untouched.
 */
export const removeMember = tenantAction({
  name: "member.remove",
  permission: "members.manage",
  lockTenant: true,
  input: z.object({ memberId: memberIdField }),
  async run({ tx, actor, input }) {
    const member = await requireMember(tx, input.memberId);
    await keepAnActiveAdmin(tx, actor, member, { outcome: "be removed" });
    await keepingAMemberManager(tx, actor.tenant.name, () => deleteMember(tx, member.id));
    return {
      data: { memberId: member.id, self: member.userId === actingUserId(actor) },
      activity: memberActivity("member.removed", member, `${actor.user.email} removed ${member.email}`, { roles: [], status: null }),
    };
  },
});
