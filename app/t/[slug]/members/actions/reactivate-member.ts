"use server";

import { z } from "zod";
import { updateMemberStatus } from "@/db/queries/members";
import { ActionError } from "@/lib/actions/core";
import { tenantAction } from "@/lib/actions/tenant-action";
import { memberActivity, requireMember } from "./member-change";
import { memberIdField } from "./member-input";

/** Lifts a suspension: the member is back with the roles they had, from their next request. */
export const reactivateMember = tenantAction({
  name: "member.reactivate",
  permission: "members.manage",
  lockTenant: true,
  input: z.object({ memberId: memberIdField }),
  async run({ tx, actor, input }) {
    const member = await requireMember(tx, input.memberId);
    // Only a suspension is lifted here: an Invited member becomes Active only by accepting.
    if (member.status !== "suspended") throw new ActionError("CONFLICT", `${member.email} is not suspended.`);
    await updateMemberStatus(tx, member.id, "active");
    return {
      data: { memberId: member.id },
      activity: memberActivity("member.reactivated", member, `${actor.user.email} reactivated ${member.email}`, {
        roles: member.roles,
        status: "active",
      }),
    };
  },
});
