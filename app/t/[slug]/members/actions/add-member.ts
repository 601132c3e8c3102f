"use server";

import { z } from "zod";
import { findMembershipOfUser, insertMembership } from "@/db/queries/memberships";
import { listApprovedDomains } from "@/db/queries/approved-domains";
import { findOrCreateUserByEmail } from "@/db/queries/users";
import type { MemberRole } from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import { isAddressApproved } from "@/lib/email-domains";
import { ActionError } from "@/lib/actions/core";
import { tenantAction } from "@/lib/actions/tenant-action";
import { appOrigin, signInUrl } from "@/lib/app-url";
import { licenseOf } from "@/lib/licenses";
import { welcomeMail } from "@/lib/mail-templates/welcome";
import { rolesLabel } from "@/lib/permissions";
import { beginMemberChange, memberActivity } from "./member-change";
import { EmailAddressSchema } from "@/lib/email-address";
import { rolesField } from "./member-input";
import { sendAfterCommit } from "./send-after-commit";

export interface AddedMember {
  memberId: string;
  email: string;
  roles: MemberRole[];
  /** Whether the mail telling them about it went out (the member is added either way). */
  mailSent: boolean;
}

const addMemberInTransaction = tenantAction({
  name: "member.add",
  permission: "members.manage",
  input: z.object({ email: EmailAddressSchema, roles: rolesField }),
  async run({ tx, actor, input }) {
    const tenant = await beginMemberChange(tx, actor);
    const { email, roles } = input;

    const domains = await listApprovedDomains(tx, actor.tenant.id);
    if (!isAddressApproved(email, domains)) {
      const allowed = domains.join(", ");
      throw new ActionError("VALIDATION", `Only addresses at ${allowed} can be added to ${actor.tenant.name}.`, {
        email: [`${email} is outside this tenant's approved domains (${allowed}).`],
      });
    }

    const user = await findOrCreateUserByEmail(tx, email);
    const existing = user.created ? null : await findMembershipOfUser(tx, actor.tenant.id, user.id);
    if (existing) {
      const state = existing.status === "suspended" ? " (suspended: reactivate them instead)" : "";
      throw new ActionError("CONFLICT", `${email} is already a member of ${actor.tenant.name}${state}.`, {
        email: [`${email} is already a member${state}.`],
      });
    }

    // Counted under the tenant lock (beginMemberChange), so two adds cannot both take the last seat.
    const license = licenseOf(tenant.license);
    if (tenant.memberCount >= license.memberLimit) {
      throw new ActionError(
        "CONFLICT",
        `${actor.tenant.name} has ${tenant.memberCount} members, the most its ${license.label} license allows (${license.memberLimit}). ` +
          "Remove a member, or ask a platform administrator for a larger license.",
      );
    }

    const membership = await insertMembership(tx, { tenantId: actor.tenant.id, userId: user.id, roles });
    const summary = `${actor.user.email} added ${email} as ${rolesLabel(roles)}`;
    return {
      data: {
        added: { memberId: membership.id, email, roles },
        newAccount: user.created,
        // For the welcome mail, sent after commit.
        tenantName: actor.tenant.name,
        addedBy: actor.user.email,
      },
      activity: memberActivity(
        "member.added",
        { id: membership.id, userId: user.id, email, roles: [], status: null },
        summary,
        // Not whether the account is new: every member can read the log, and that would tell them
        // whether an address had an account on the platform.
        { roles, status: "active" },
      ),
    };
  },
});

/**
 * "Add member": adds an existing account, or creates the account, and mails them a sign-in link (a
 * welcome for a new account; a note for an existing one, so they know the tenant is in their switcher).
 * The mail goes out after the add has committed; if it cannot be sent the member stays added and the
 * caller is told to pass the sign-in address on themselves.
 */
export async function addMember(
  slug: string,
  previous: unknown,
  input: FormData | Record<string, unknown>,
): Promise<ActionResult<AddedMember>> {
  const result = await addMemberInTransaction(slug, previous, input);
  if (!result.ok) return result;
  const { added, newAccount, tenantName, addedBy } = result.data;
  const origin = await appOrigin();
  const mail = welcomeMail({
    to: added.email,
    newAccount,
    tenantName,
    roles: rolesLabel(added.roles),
    addedBy,
    signInUrl: signInUrl(origin, slug, added.email),
  });
  const mailSent = await sendAfterCommit(mail, "member.add");
  const label = `${added.email} as ${rolesLabel(added.roles)}`;
  return {
    ok: true,
    data: { ...added, mailSent },
    message: mailSent
      ? `Added ${label}. We emailed them a link to sign in.`
      : `Added ${label}, but the mail telling them could not be sent. Ask them to sign in at ${new URL("/login", origin)}.`,
  };
}
