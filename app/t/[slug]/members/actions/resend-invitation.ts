"use server";

import { z } from "zod";
import { ActionError } from "@/lib/actions/core";
import { tenantAction } from "@/lib/actions/tenant-action";
import { listGroupsOfMember } from "@/db/queries/groups";
import { memberActivity, namedGroupsLabel, requireMember } from "./member-change";
import { memberIdField } from "./member-input";
import { sendInvitation } from "./send-invitation";

/** "Resend invitation": a fresh 7-day link for an Invited member; the previous link stops working. */
export const resendInvitation = tenantAction({
  name: "member.invitation_resend",
  permission: "members.manage",
  lockTenant: true,
  input: z.object({ memberId: memberIdField }),
  async run({ tx, actor, input }) {
    const member = await requireMember(tx, input.memberId);
    if (member.status !== "invited") throw new ActionError("CONFLICT", `${member.email} has already accepted their invitation.`);
    const groups = await listGroupsOfMember(tx, tx.tenantId, member.userId);
    const label = namedGroupsLabel(member.roles, groups);
    await sendInvitation(tx, actor, { membershipId: member.id, email: member.email, groupsLabel: label }, "member.invitation_resend");
    return {
      data: { memberId: member.id },
      activity: memberActivity("member.invitation_resent", member, `${actor.user.email} resent the invitation to ${member.email}`, {
        roles: member.roles,
        status: "invited",
      }),
    };
  },
});
