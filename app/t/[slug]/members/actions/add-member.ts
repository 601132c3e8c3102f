"use server";

import { z } from "zod";
import { setGroupsOfMember } from "@/db/queries/groups";
import { findMembershipOfUser, insertMembership } from "@/db/queries/memberships";
import { listApprovedDomains } from "@/db/queries/approved-domains";
import { findOrCreateUserByEmail } from "@/db/queries/users";
import type { MemberRole } from "@/db/schema";
import { isAddressApproved } from "@/lib/email-domains";
import { ActionError, type ActivityRecord } from "@/lib/actions/core";
import { tenantAction } from "@/lib/actions/tenant-action";
import { licenseOf } from "@/lib/licenses";
import { memberActivity, namedGroupsLabel, requireGroups, type NamedGroup } from "./member-change";
import { EmailAddressSchema } from "@/lib/email-address";
import { groupIdsField, refuseNoGroup, rolesField } from "./member-input";
import { sendInvitation } from "./send-invitation";

export interface AddedMember {
  memberId: string;
  email: string;
  roles: MemberRole[];
  /** The custom groups' ids the member was put in. */
  groupIds: string[];
}

/** The entry names the custom groups the member was put in (none: as before groups existed). */
const withGroupsAfter = (groupsAfter: NamedGroup[], entry: ActivityRecord): ActivityRecord =>
  groupsAfter.length ? { ...entry, details: { ...entry.details, groupsAfter } } : entry;

/**
 * "Add member": invites an address (creating its account if there is none) into built-in groups (roles)
 * and custom groups, at least one of either: an Invited membership and
 * a mailed link to accept it (lib/invitations.ts), queued with the add and delivered after it commits.
 */
export const addMember = tenantAction({
  name: "member.add",
  permission: "members.manage",
  lockTenant: true,
  input: z.object({ email: EmailAddressSchema, roles: rolesField, groups: groupIdsField }),
  async run({ tx, actor, input, tenant }) {
    const { email, roles } = input;
    const groups = await requireGroups(tx, input.groups);
    refuseNoGroup(roles, groups);
    const label = namedGroupsLabel(roles, groups);

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
    await setGroupsOfMember(tx, user.id, groups.map((group) => group.id));
    // Queued in this transaction: delivered once the add has committed, never if it rolls back.
    await sendInvitation(tx, actor, { membershipId: membership.id, email, groupsLabel: label }, "member.add");
    const summary = `${actor.user.email} added ${email} as ${label}`;
    return {
      data: { memberId: membership.id, email, roles, groupIds: groups.map((group) => group.id) },
      message: `Added ${email} as ${label}. We are emailing them an invitation.`,
      activity: withGroupsAfter(groups, memberActivity(
        "member.added",
        { id: membership.id, userId: user.id, email, roles: [], status: null },
        summary,
        // Not whether the account is new: every member can read the log, and that would tell them
        // whether an address had an account on the platform.
        { roles, status: "invited" },
      )),
    };
  },
});
