"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldErrors } from "@/components/ui/field-errors";
import { FormMessage } from "@/components/ui/form-message";
import { formOutcome, shownValue, useFormAction } from "@/components/ui/use-form-action";
import type { TwoFactorRequirement } from "@/db/schema";
import type { TenantAction } from "@/lib/actions/tenant-action";
import { TWO_FACTOR_REQUIREMENT_LABELS } from "@/lib/two-factor/requirement";

import type { TwoFactorGroupChoice } from "./two-factor-group-choices";

/**
 * "Require two-factor": of no one, the tenant's Admins, everyone (members and visiting superadmins), or
 * the members of chosen groups, with one checkbox per group (built-in, then custom) shown for that choice.
 */
export function TwoFactorRequirementForm({
  slug,
  requirement,
  groups,
  moreGroupsNote,
  canManage,
  setTwoFactorRequirement,
}: {
  slug: string;
  requirement: TwoFactorRequirement;
  groups: TwoFactorGroupChoice[];
  /** Said under the checkboxes when the tenant has more custom groups than they list. */
  moreGroupsNote: string | null;
  canManage: boolean;
  setTwoFactorRequirement: TenantAction<null>;
}) {
  const { result, values, version, formAction, pending, fieldErrors } = useFormAction((previous: unknown, form: FormData) =>
    setTwoFactorRequirement(slug, previous, form),
  );
  const shownRequirement = shownValue(values, "twoFactorRequired", requirement) as TwoFactorRequirement;
  return (
    <div className="max-w-xl space-y-4">
      <RequirementFields
        key={version}
        formAction={formAction}
        initial={shownRequirement}
        groups={groups}
        ticked={values.twoFactorGroups === undefined ? null : [values.twoFactorGroups].flat()}
        errors={fieldErrors.twoFactorGroups}
        moreGroupsNote={moreGroupsNote}
        canManage={canManage}
        pending={pending}
      />
      {canManage && <FormMessage result={formOutcome(result)} success="Two-factor requirement saved." />}
    </div>
  );
}

function RequirementFields({
  formAction,
  initial,
  groups,
  ticked,
  errors,
  moreGroupsNote,
  canManage,
  pending,
}: {
  formAction: (form: FormData) => void;
  initial: TwoFactorRequirement;
  groups: TwoFactorGroupChoice[];
  /** What was ticked in a refused submit, else null (the saved choice). */
  ticked: string[] | null;
  errors?: string[];
  moreGroupsNote: string | null;
  canManage: boolean;
  pending: boolean;
}) {
  const [chosen, setChosen] = useState<TwoFactorRequirement>(initial);
  const errorId = "two-factor-groups-error";
  return (
    <form action={formAction} className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="block text-sm font-medium">
          Require two-factor
          <select
            name="twoFactorRequired"
            value={chosen}
            onChange={(event) => setChosen(event.target.value as TwoFactorRequirement)}
            disabled={!canManage}
            className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            {Object.entries(TWO_FACTOR_REQUIREMENT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {canManage && (
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save two-factor requirement"}
          </Button>
        )}
      </div>
      {chosen === "groups" && (
        <fieldset aria-describedby={errors?.length ? errorId : undefined} disabled={!canManage}>
          <legend className="text-sm font-medium">Groups that must use two-factor</legend>
          <ul className="mt-2 grid gap-1 sm:grid-cols-2">
            {groups.map((group) => (
              <li key={group.value} className="text-sm">
                <label className="inline-flex items-center gap-2">
                  <input type="checkbox" name="twoFactorGroups" value={group.value} defaultChecked={ticked ? ticked.includes(group.value) : group.chosen} />
                  {group.label}
                </label>
              </li>
            ))}
          </ul>
          {moreGroupsNote && <p className="mt-1 text-sm text-slate-600">{moreGroupsNote}</p>}
          <FieldErrors id={errorId} errors={errors} />
        </fieldset>
      )}
    </form>
  );
}
