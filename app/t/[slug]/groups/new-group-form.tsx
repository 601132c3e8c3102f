"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormCard } from "@/components/ui/form-card";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { createGroup } from "./actions/create-group";
import { PermissionCheckboxes } from "./permission-checkboxes";

/** "New group": a name and the group's permissions; on success, the group's page (to add members). */
export function NewGroupForm({ slug }: { slug: string }) {
  const router = useRouter();
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => createGroup(slug, previous, form), {
    onSuccess: (group) => router.push(`/t/${slug}/groups/${group.id}`),
  });
  return (
    <FormCard title="New group">
      <form key={version} action={formAction} noValidate className="mt-4 space-y-4">
        <TextField label="Name" name="name" defaultValue={String(values.name ?? "")} errors={fieldErrors.name} maxLength={80} className="max-w-md" />
        <PermissionCheckboxes idPrefix="new-group" checked={[values.permissions ?? []].flat()} errors={fieldErrors.permissions} />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "New group"}
        </Button>
      </form>
      <FormMessage result={result} />
    </FormCard>
  );
}
