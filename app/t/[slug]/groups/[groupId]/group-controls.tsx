"use client";

// The controls of one custom group's page (members.manage): rename, permissions, members, delete.
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import { RenameForm } from "@/components/ui/rename-form";
import { useFormAction } from "@/components/ui/use-form-action";
import { deleteGroup } from "../actions/delete-group";
import { addGroupMember, removeGroupMember } from "../actions/group-membership";
import { renameGroup } from "../actions/rename-group";
import { setGroupPermissions } from "../actions/set-group-permissions";
import { PermissionCheckboxes } from "../permission-checkboxes";

export function RenameGroupForm({ slug, groupId, name }: { slug: string; groupId: string; name: string }) {
  return <RenameForm name={name} hidden={{ groupId }} rename={(previous, form) => renameGroup(slug, previous, form)} />;
}

export function GroupPermissionsForm({ slug, groupId, permissions }: { slug: string; groupId: string; permissions: string[] }) {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => setGroupPermissions(slug, previous, form));
  const checked = result && !result.ok ? [values.permissions ?? []].flat() : permissions;
  return (
    <div className="space-y-3">
      <form key={version} action={formAction} noValidate className="space-y-3">
        <input type="hidden" name="groupId" value={groupId} />
        <PermissionCheckboxes idPrefix="group" checked={checked} errors={fieldErrors.permissions} />
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save permissions"}
        </Button>
      </form>
      <FormMessage result={result} />
    </div>
  );
}

export function AddGroupMemberForm({ slug, groupId, candidates }: { slug: string; groupId: string; candidates: { membershipId: string; email: string }[] }) {
  const { result, version, formAction, pending } = useFormAction((previous, form) => addGroupMember(slug, previous, form));
  if (candidates.length === 0) return <p className="text-sm text-slate-600">Every member of the tenant is in this group.</p>;
  return (
    <div className="space-y-3">
      <form key={version} action={formAction} className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="groupId" value={groupId} />
        <label className="text-sm font-medium">
          Member
          <select name="memberId" className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-2 text-sm font-normal">
            {candidates.map((candidate) => (
              <option key={candidate.membershipId} value={candidate.membershipId}>
                {candidate.email}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Adding…" : "Add to group"}
        </Button>
      </form>
      <FormMessage result={result} />
    </div>
  );
}

export function RemoveGroupMemberButton({ slug, groupId, memberId, email, groupName }: { slug: string; groupId: string; memberId: string; email: string; groupName: string }) {
  return (
    <ConfirmDialog
      triggerLabel="Remove"
      title={`Remove ${email} from ${groupName}?`}
      confirmLabel="Remove"
      onConfirm={() => removeGroupMember(slug, null, { groupId, memberId })}
    >
      They lose this group&apos;s permissions on their next request; they stay a member of the tenant.
    </ConfirmDialog>
  );
}

export function DeleteGroupButton({ slug, groupId, name }: { slug: string; groupId: string; name: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel="Delete group"
      title={`Delete ${name}?`}
      confirmLabel="Delete"
      onConfirm={async () => {
        const result = await deleteGroup(slug, null, { groupId });
        if (result.ok) router.push(`/t/${slug}/groups`);
        return result;
      }}
    >
      Its members lose its permissions on their next request; they stay members of the tenant.
    </ConfirmDialog>
  );
}
