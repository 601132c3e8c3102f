"use client";

// An Admin's controls on one member's row. Each calls its server action, which authorizes again; a
// refusal (last Admin, no permission any more) is shown on the row, a success refreshes the list.
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LiveRegion } from "@/components/ui/live-region";
import type { MemberRole } from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import { canonicalRoles, rolesLabel } from "@/lib/permissions";
import { changeMemberRoles } from "./actions/change-member-roles";
import { reactivateMember } from "./actions/reactivate-member";
import { removeMember } from "./actions/remove-member";
import { resendInvitation } from "./actions/resend-invitation";
import { revokeInvitation } from "./actions/revoke-invitation";
import { suspendMember } from "./actions/suspend-member";
import { MEMBERS_NOTICE_ID, ROLE_OPTIONS } from "./members-table-options";
import type { CustomGroup, MemberRowView } from "./members-table";

interface ControlProps {
  slug: string;
  tenantName: string;
  member: MemberRowView;
  /** Announces a success above the table. */
  onDone: (message: string) => void;
}

/**
 * After a change: everyone who still has access already sees the list as it now is (the action's
 * wrapper revalidates the tenant's pages). A caller who just suspended or removed themselves has no
 * access left here, and the wrapper does not refresh a page they may no longer see, so they go home
 * (the tenant has left their switcher).
 */
function useAfterChange() {
  const router = useRouter();
  return (leftTenant: boolean) => {
    if (leftTenant) router.push("/");
  };
}

/** What a member's role editor holds: their built-in groups (roles) and their custom groups' ids. */
interface RolesChoice {
  roles: MemberRole[];
  groupIds: string[];
}

/** A choice written as one string, to compare a draft with what is saved. */
const choiceKey = (choice: RolesChoice) => `${rolesLabel(choice.roles)}|${[...choice.groupIds].sort().join(",")}`;

/**
 * Checkboxes Viewer / Editor / Admin, then one per custom group of the tenant (named by the group's
 * name), and "Save roles" (enabled once the choice differs from what is saved): roles and groups are
 * saved together, in one action. An unsaved choice stays ticked while the list refreshes after other
 * rows' changes; it is let go once the saved choice is the same. The outcome is said on the row, in a
 * live region.
 */
export function RolesEditor({ slug, member, customGroups }: ControlProps & { customGroups: CustomGroup[] }) {
  const [draft, setDraft] = useState<RolesChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const afterChange = useAfterChange();
  const errorId = useId();
  const savedChoice: RolesChoice = { roles: member.roles, groupIds: member.groups.map((group) => group.id) };
  // Compared only while something is ticked (never in the server's render of a whole page).
  const unchanged = draft === null || choiceKey(draft) === choiceKey(savedChoice);
  // The list now has this choice (this save, or anyone's): nothing is left unsaved.
  if (draft !== null && unchanged) setDraft(null);
  const choice = draft ?? savedChoice;
  // A group the member is in but the page does not list (past the list's bound) is kept as it is.
  const unlisted = member.groups.filter((group) => !customGroups.some((listed) => listed.id === group.id));

  function toggleRole(role: MemberRole, checked: boolean) {
    setSaved(null);
    setDraft({ ...choice, roles: canonicalRoles(checked ? [...choice.roles, role] : choice.roles.filter((r) => r !== role)) });
  }

  function toggleGroup(groupId: string, checked: boolean) {
    setSaved(null);
    setDraft({ ...choice, groupIds: checked ? [...choice.groupIds, groupId] : choice.groupIds.filter((id) => id !== groupId) });
  }

  function save() {
    setError(null);
    setSaved(null);
    startTransition(async () => {
      const result = await changeMemberRoles(slug, null, { memberId: member.id, roles: choice.roles, groups: choice.groupIds });
      if (!result.ok) return setError([...(result.fieldErrors?.roles ?? []), ...(result.fieldErrors?.groups ?? [])].join(" ") || result.message);
      setSaved(result.message ?? `Saved ${member.email}'s roles.`);
      afterChange(false);
    });
  }

  return (
    <fieldset aria-describedby={error ? errorId : undefined} className="min-w-52">
      <legend className="sr-only">Roles of {member.email}</legend>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {[
          ...ROLE_OPTIONS.map((option) => ({
            key: option.value,
            label: option.label,
            checked: choice.roles.includes(option.value),
            toggle: (checked: boolean) => toggleRole(option.value, checked),
          })),
          ...customGroups.map((group) => ({
            key: group.id,
            label: group.name,
            checked: choice.groupIds.includes(group.id),
            toggle: (checked: boolean) => toggleGroup(group.id, checked),
          })),
        ].map((box) => (
          <label key={box.key} className="inline-flex items-center gap-1">
            <input type="checkbox" checked={box.checked} onChange={(event) => box.toggle(event.target.checked)} disabled={pending} />
            {box.label}
          </label>
        ))}
        {unlisted.map((group) => (
          <Badge key={group.id} tone="blue">
            {group.name}
          </Badge>
        ))}
        <Button type="button" variant="secondary" className="px-2 py-1" onClick={save} disabled={unchanged || pending}>
          {pending ? "Saving…" : "Save roles"}
        </Button>
      </div>
      {error && (
        <p id={errorId} role="alert" className="mt-1 max-w-xs text-sm text-red-700">
          {error}
        </p>
      )}
      <LiveRegion>
        {saved && (
          <p role="status" className="mt-1 max-w-xs text-sm text-green-800">
            {saved}
          </p>
        )}
      </LiveRegion>
    </fieldset>
  );
}

/** "Suspend" for an active member, "Reactivate" for a suspended one. */
export function MemberStatusControls({ slug, member, onDone }: ControlProps) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const afterChange = useAfterChange();
  const suspended = member.status === "suspended";

  function run() {
    setError(null);
    startTransition(async () => {
      const input = { memberId: member.id };
      const result: ActionResult<unknown> = suspended
        ? await reactivateMember(slug, null, input)
        : await suspendMember(slug, null, input);
      if (!result.ok) return setError(result.message);
      onDone(suspended ? `Reactivated ${member.email}.` : `Suspended ${member.email}.`);
      afterChange(!suspended && member.isSelf === true);
    });
  }

  return <RowActionButton label={suspended ? "Reactivate" : "Suspend"} onClick={run} disabled={pending} error={error} />;
}

/** A row's button that runs its action at once (no confirmation), with the refusal shown under it. */
function RowActionButton({ label, onClick, disabled, error }: { label: string; onClick: () => void; disabled: boolean; error: string | null }) {
  return (
    <div>
      <Button type="button" variant="secondary" className="px-2 py-1" onClick={onClick} disabled={disabled}>
        {label}
      </Button>
      {error && (
        <p role="alert" className="mt-1 max-w-xs text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** "Remove", after confirming in a dialog (which shows a refusal and stays open). */
export function RemoveMemberButton({ slug, tenantName, member, onDone }: ControlProps) {
  const afterChange = useAfterChange();
  return (
    <ConfirmDialog
      triggerLabel="Remove"
      title={member.isSelf ? `Leave ${tenantName}?` : `Remove ${member.email}?`}
      confirmLabel={member.isSelf ? "Remove me" : "Remove member"}
      onConfirmed={() => document.getElementById(MEMBERS_NOTICE_ID)?.focus()}
      onConfirm={async () => {
        const result = await removeMember(slug, null, { memberId: member.id });
        if (result.ok) {
          onDone(`Removed ${member.email}.`);
          afterChange(member.isSelf === true);
        }
        return result;
      }}
    >
      {member.isSelf
        ? `You will lose access to ${tenantName} at once. Your account and your other tenants are not affected.`
        : `${member.email} will lose access to ${tenantName} at once. Their account and their other tenants are not affected; you can add them again later.`}
    </ConfirmDialog>
  );
}

/**
 * An Invited member's controls: "Resend invitation" (a fresh 7-day link; the old one stops working)
 * and "Revoke invitation" (after confirming; the invitation and the membership go).
 */
export function InvitationControls({ slug, tenantName, member, onDone }: ControlProps) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const afterChange = useAfterChange();

  function resend() {
    setError(null);
    startTransition(async () => {
      const result = await resendInvitation(slug, null, { memberId: member.id });
      if (!result.ok) return setError(result.message);
      onDone(`Sent ${member.email} a new invitation.`);
      afterChange(false);
    });
  }

  return (
    <div className="flex items-start gap-2">
      <RowActionButton label={pending ? "Sending…" : "Resend invitation"} onClick={resend} disabled={pending} error={error} />
      <ConfirmDialog
        triggerLabel="Revoke invitation"
        title={`Revoke the invitation to ${member.email}?`}
        confirmLabel="Revoke"
        onConfirm={async () => {
          const result = await revokeInvitation(slug, null, { memberId: member.id });
          if (result.ok) {
            onDone(`Revoked the invitation to ${member.email}.`);
            afterChange(false);
          }
          return result;
        }}
      >
        {`The link mailed to ${member.email} stops working and they are taken off ${tenantName}'s member list. You can add them again later.`}
      </ConfirmDialog>
    </div>
  );
}
