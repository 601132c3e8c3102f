"use server";

import { z } from "zod";
import { findMembershipOfUser, insertMembership } from "@/db/queries/memberships";
import { listApprovedDomains } from "@/db/queries/approved-domains";
import { findOrCreateUserByEmail } from "@/db/queries/users";
import type { MemberRole } from "@/db/schema";
import { isAddressApproved } from "@/lib/email-domains";
import { ActionError } from "@/lib/actions/core";
import { tenantAction } from "@/lib/actions/tenant-action";
import { licenseOf } from "@/lib/licenses";
import { rolesLabel } from "@/lib/permissions";
import { memberActivity } from "./member-change";
import { EmailAddressSchema } from "@/lib/email-address";
import { rolesField } from "./member-input";
import { sendInvitation } from "./send-invitation";

export interface AddedMember {
  memberId: string;
  email: string;
  roles: MemberRole[];
}

/**
 * "Add member": invites an address (creating its account if there is none): an Invited membership and
 * a mailed link to accept it (lib/invitations.ts), queued with the add and delivered after it commits.
 */
export const addMember = tenantAction({
  name: "member.add",
  permission: "members.manage",
  lockTenant: true,
  input: z.object({ email: EmailAddressSchema, roles: rolesField }),
  async run({ tx, actor, input, tenant }) {
    const { email, roles } = input;

    const domains = await listApprovedDomains(tx);
    if (!isAddressApproved(email, domains)) {
      const allowed = domains.join(", ");
      throw new ActionError("VALIDATION", `Only addresses at ${allowed} can be added to ${actor.tenant.name}.`, {
        email: [`${email} is outside this tenant's approved domains (${allowed}).`],
      });
    }

    const user = await findOrCreateUserByEmail(tx, email);
    const existing = user.created ? null : await findMembershipOfUser(tx, user.id);
    if (existing) {
      const state =
        existing.status === "suspended"
          ? " (suspended: reactivate them instead)"
          : existing.status === "invited"
            ? " (invited: resend the invitation instead)"
            : "";
      throw new ActionError("CONFLICT", `${email} is already a member of ${actor.tenant.name}${state}.`, {
        email: [`${email} is already a member${state}.`],
      });
    }

    // Counted under the tenant lock (the wrapper's `lockTenant`), so two adds cannot both take the last seat.
    const license = licenseOf(tenant.license);
    if (tenant.memberCount >= license.memberLimit) {
      throw new ActionError(
        "CONFLICT",
        `${actor.tenant.name} has ${tenant.memberCount} members, the most its ${license.label} license allows (${license.memberLimit}). ` +
          "Remove a member, or ask a platform administrator for a larger license.",
      );
    }

    // Invited until they accept: the tenant sees only the address typed here, not the account's
    // name nor whether it ever signed in (it may belong to anyone, in any tenant).
    const membership = await insertMembership(tx, { userId: user.id, roles, status: "invited" });
    // Queued in this transaction: delivered once the add has committed, never if it rolls back.
    await sendInvitation(tx, actor, { membershipId: membership.id, email, roles }, "member.add");
    const summary = `${actor.user.email} added ${email} as ${rolesLabel(roles)}`;
    return {
      data: { memberId: membership.id, email, roles },
      message: `Added ${email} as ${rolesLabel(roles)}. We are emailing them an invitation.`,
      activity: memberActivity(
        "member.added",
        { id: membership.id, userId: user.id, email, roles: [], status: null },
        summary,
        // Not whether the account is new: every member can read the log, and that would tell them
        // whether an address had an account on the platform.
        { roles, status: "invited" },
      ),
    };
  },
});
