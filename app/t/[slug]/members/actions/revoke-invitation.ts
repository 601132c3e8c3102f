"use server";

import { z } from "zod";
import { deleteMember } from "@/db/queries/members";
import { ActionError } from "@/lib/actions/core";
import { tenantAction } from "@/lib/actions/tenant-action";
import { memberActivity, requireMember } from "./member-change";
import { memberIdField } from "./member-input";

/**
 * "Revoke invitation": withdraws an Invited member's invitation. They never joined, so the membership
 * goes with it (its invitations are deleted with it: the mailed link no longer finds anything).
 */
export const revokeInvitation = tenantAction({
  name: "member.invitation_revoke",
  permission: "members.manage",
  lockTenant: true,
  input: z.object({ memberId: memberIdField }),
  async run({ tx, actor, input }) {
    const member = await requireMember(tx, input.memberId);
    if (member.status !== "invited") {
      throw new ActionError("CONFLICT", `${member.email} has already accepted their invitation: remove them instead.`);
    }
    await deleteMember(tx, member.id);
    return {
      data: { memberId: member.id },
      activity: memberActivity("member.invitation_revoked", member, `${actor.user.email} revoked the invitation to ${member.email}`, {
        roles: [],
        status: null,
      }),
    };
  },
});
