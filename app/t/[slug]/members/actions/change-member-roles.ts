"use server";

import { z } from "zod";
import { updateMemberRoles } from "@/db/queries/members";
import type { MemberRole } from "@/db/schema";
import { ActionError } from "@/lib/actions/core";
import { tenantAction } from "@/lib/actions/tenant-action";
import { actingUserId } from "@/lib/caller";
import { appOrigin } from "@/lib/app-url";
import { roleChangeMail } from "@/lib/mail-templates/role-change";
import { rolesLabel } from "@/lib/permissions";
import { keepingAMemberManager } from "@/lib/groups/keep-a-manager";
import { keepAnActiveAdmin, memberActivity, requireMember } from "./member-change";
import { memberIdField, rolesField } from "./member-input";
import { enqueueMail } from "@/lib/mail-outbox";

export interface ChangedRoles {
  memberId: string;
  roles: MemberRole[];
  /** The caller changed their own roles (the page must re-read what they may do). */
  self: boolean;
}

const sameRoles = (a: readonly MemberRole[], b: readonly MemberRole[]) => a.length === b.length && a.every((role) => b.includes(role));

/** Saves a member's roles (at least one). They apply on the member's next request; the member is told by mail. */
export const changeMemberRoles = tenantAction({
  name: "member.roles_change",
  permission: "members.manage",
  lockTenant: true,
  input: z.object({ memberId: memberIdField, roles: rolesField }),
  async run({ tx, actor, input }) {
    const member = await requireMember(tx, input.memberId);
    if (sameRoles(member.roles, input.roles)) {
      throw new ActionError("CONFLICT", `${member.email} already has exactly these roles (${rolesLabel(member.roles)}).`);
    }
    await keepAnActiveAdmin(tx, actor, member, { rolesAfter: input.roles, outcome: "lose the Admin role" });
    await keepingAMemberManager(tx, actor.tenant.name, () => updateMemberRoles(tx, member.id, input.roles));
    // Queued with the change: the member is told once it has committed (lib/mail-outbox.ts).
    const mail = roleChangeMail({
      to: member.email,
      tenantName: actor.tenant.name,
      rolesBefore: rolesLabel(member.roles),
      rolesAfter: rolesLabel(input.roles),
      changedBy: actor.user.email,
      tenantUrl: new URL(`/t/${actor.tenant.slug}`, await appOrigin()).toString(),
    });
    await enqueueMail(tx, mail, "member.roles_change");
    const summary = `${actor.user.email} changed ${member.email}'s roles from ${rolesLabel(member.roles)} to ${rolesLabel(input.roles)}`;
    return {
      data: { memberId: member.id, roles: input.roles, self: member.userId === actingUserId(actor) } satisfies ChangedRoles,
      message: `${member.email} is now ${rolesLabel(input.roles)}.`,
      activity: memberActivity("member.roles_changed", member, summary, { roles: input.roles, status: member.status }),
    };
  },
});
