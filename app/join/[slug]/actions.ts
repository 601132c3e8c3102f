"use server";

import { z } from "zod";
import { markInvitationAccepted } from "@/db/queries/member-invitations";
import { updateMemberStatus } from "@/db/queries/members";
import { lockTenant } from "@/db/queries/tenants";
import { redirectOnSuccess } from "@/lib/actions/after-commit";
import { ActionError } from "@/lib/actions/core";
import { userAction } from "@/lib/actions/user-action";
import { groupsLabel } from "@/lib/permissions";
import { INVALID_INVITATION_MESSAGE, openInvitationOf } from "./invitation";

/**
 * "Accept invitation": the signed-in account the invitation was made for becomes an Active member.
 * The invitation is spent in the same transaction (a link works once), under the tenant's lock, so a
 * concurrent "Revoke invitation" either wins (nothing to accept) or waits and finds the member Active.
 */
export const acceptInvitation = userAction({
  // Not "member.*": those are the tenant's own members actions (an Admin's, in the tenant's scope).
  name: "invitation.accept",
  input: z.object({ slug: z.string().max(200), token: z.string().max(200) }),
  async run({ tx, user, input, recordInTenant }) {
    const found = await openInvitationOf(tx, input.slug, input.token, user.id);
    if (!found) throw new ActionError("NOT_FOUND", INVALID_INVITATION_MESSAGE);
    const { tenant, invitation, inTenant } = found;
    await lockTenant(inTenant, tenant.id);
    if (invitation.userId !== user.id) {
      throw new ActionError("FORBIDDEN", `This invitation is for ${invitation.email}. Sign out, then sign in with that address to accept it.`);
    }
    if (!(await markInvitationAccepted(inTenant, invitation.invitationId))) throw new ActionError("NOT_FOUND", INVALID_INVITATION_MESSAGE);
    await updateMemberStatus(inTenant, invitation.membershipId, "active");
    await recordInTenant(tenant.id, {
      action: "member.joined",
      targetType: "membership",
      targetId: invitation.membershipId,
      summary: `${user.email} accepted the invitation and joined as ${groupsLabel(invitation.roles, invitation.groupNames)}`,
      details: { memberUserId: user.id, memberEmail: user.email, roles: invitation.roles, statusBefore: "invited", statusAfter: "active" },
    });
    return {
      data: { slug: tenant.slug },
      activity: {
        action: "invitation.accepted",
        subjectTenantId: tenant.id,
        tenantName: tenant.name,
        summary: `${user.email} joined ${tenant.name}`,
      },
    };
  },
});

/** The page's form: lands in the tenant, or answers why not. */
export const submitAcceptInvitation = redirectOnSuccess(acceptInvitation, (joined) => `/t/${joined.slug}`);
