"use server";

import { z } from "zod";
import { updateMemberStatus } from "@/db/queries/members";
import { ActionError } from "@/lib/actions/core";
import { tenantAction } from "@/lib/actions/tenant-action";
import { actingUserId } from "@/lib/caller";
import { keepingAMemberManager } from "@/lib/groups/keep-a-manager";
import { keepAnActiveAdmin, memberActivity, requireMember } from "./member-change";
import { memberIdField } from "./member-input";

/**
 * Suspends a member in this tenant only: their roles are kept, and from their next request they
 * cannot open this tenant (it leaves their switcher); their other tenants are untouched.
 */
export const suspendMember = tenantAction({
  name: "member.suspend",
  permission: "members.manage",
  lockTenant: true,
  input: z.object({ memberId: memberIdField }),
  async run({ tx, actor, input }) {
    const member = await requireMember(tx, input.memberId);
    if (member.status === "suspended") throw new ActionError("CONFLICT", `${member.email} is already suspended.`);
    if (member.status === "invited") {
      throw new ActionError("CONFLICT", `${member.email} has not accepted their invitation yet: revoke it instead.`);
    }
    await keepAnActiveAdmin(tx, actor, member, { outcome: "be suspended" });
    await keepingAMemberManager(tx, actor.tenant.name, () => updateMemberStatus(tx, member.id, "suspended"));
    return {
      data: { memberId: member.id, self: member.userId === actingUserId(actor) },
      activity: memberActivity("member.suspended", member, `${actor.user.email} suspended ${member.email}`, {
        roles: member.roles,
        status: "suspended",
      }),
    };
  },
});
