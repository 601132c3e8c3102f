// Issues a membership's invitation and queues its mail, in the caller's transaction (add member,
// Resend invitation): the link is delivered only if the change commits.
import type { TenantTx } from "@/db/scopes";
import type { Actor } from "@/lib/actor";
import { appOrigin } from "@/lib/app-url";
import { INVITATION_DAYS, invitationUrl, issueInvitation } from "@/lib/invitations";
import { enqueueMail } from "@/lib/mail-outbox";
import { invitationMail } from "@/lib/mail-templates/invitation";

export async function sendInvitation(
  tx: TenantTx,
  actor: Actor,
  member: { membershipId: string; email: string; /** "Editor, Marketing" (groupsLabel). */ groupsLabel: string },
  purpose: "member.add" | "member.invitation_resend",
): Promise<void> {
  const token = await issueInvitation(tx, member.membershipId);
  const mail = invitationMail({
    to: member.email,
    tenantName: actor.tenant.name,
    roles: member.groupsLabel,
    invitedBy: actor.user.email,
    acceptUrl: invitationUrl(await appOrigin(), actor.tenant.slug, token),
    daysValid: INVITATION_DAYS,
  });
  await enqueueMail(tx, mail, purpose);
}
