"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/action-result";
import { addMember, type AddedMember } from "./actions/add-member";
import { ROLE_OPTIONS } from "./members-table-options";

interface AddMemberState {
  result: ActionResult<AddedMember> | null;
  /** What was submitted, so a refused form comes back as typed. */
  email: string;
  roles: string[];
  groups: string[];
  /** Remounts the form after each submit, so it shows `email` and `roles` (or blanks after a success). */
  attempt: number;
}

const INITIAL: AddMemberState = { result: null, email: "", roles: ["viewer"], groups: [], attempt: 0 };

/**
 * "Add member": an email address and its groups: built-in (Viewer, Editor, Admin) and the tenant's
 * custom groups, at least one of either. Admins only (the server checks again).
 */
export function AddMemberForm({ slug, customGroups }: { slug: string; customGroups: { id: string; name: string }[] }) {
  const [state, formAction, pending] = useActionState<AddMemberState, FormData>(async (previous, form) => {
    const result = await addMember(slug, null, form);
    // The action's wrapper revalidates the tenant's pages: the new member is in the list that
    // arrives with the answer.
    if (result.ok) {
      return { ...INITIAL, result, attempt: previous.attempt + 1 };
    }
    return { result, email: String(form.get("email") ?? ""), roles: form.getAll("roles").map(String), groups: form.getAll("groups").map(String), attempt: previous.attempt + 1 };
  }, INITIAL);
  const fieldErrors = state.result && !state.result.ok ? state.result.fieldErrors : undefined;

  return (
    <section aria-labelledby="add-member-heading" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="add-member-heading" className="font-semibold">
        Add a member
      </h2>
      {/* noValidate: the server's messages, shown under the fields, are the ones users see. */}
      <form key={state.attempt} action={formAction} noValidate aria-labelledby="add-member-heading" className="mt-3 flex flex-wrap items-start gap-4">
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="off"
          placeholder="name@example.com"
          defaultValue={state.email}
          errors={fieldErrors?.email}
          className="w-72"
        />
        <fieldset aria-describedby={fieldErrors?.roles || fieldErrors?.groups ? "add-member-roles-error" : undefined}>
          <legend className="text-sm font-medium">Roles</legend>
          <div className="mt-2 flex max-w-xl flex-wrap gap-x-3 gap-y-1">
            {ROLE_OPTIONS.map((option) => (
              <label key={option.value} className="inline-flex items-center gap-1 text-sm">
                <input type="checkbox" name="roles" value={option.value} defaultChecked={state.roles.includes(option.value)} />
                {option.label}
              </label>
            ))}
            {customGroups.map((group) => (
              <label key={group.id} className="inline-flex items-center gap-1 text-sm">
                <input type="checkbox" name="groups" value={group.id} defaultChecked={state.groups.includes(group.id)} />
                {group.name}
              </label>
            ))}
          </div>
          {(fieldErrors?.roles || fieldErrors?.groups) && (
            <p id="add-member-roles-error" role="alert" className="mt-1 text-sm text-red-700">
              {[...(fieldErrors.roles ?? []), ...(fieldErrors.groups ?? [])].join(" ")}
            </p>
          )}
        </fieldset>
        <Button type="submit" disabled={pending} className="mt-6">
          {pending ? "Adding…" : "Add member"}
        </Button>
      </form>
      <div className="mt-3">
        <FormMessage result={state.result} />
      </div>
    </section>
  );
}
