"use client";

import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { formOutcome, shownValue, useFormAction } from "@/components/ui/use-form-action";
import type { TwoFactorRequirement } from "@/db/schema";
import type { TenantAction } from "@/lib/actions/tenant-action";
import { TWO_FACTOR_REQUIREMENT_LABELS } from "@/lib/two-factor/requirement";

/** "Require two-factor": of no one, the tenant's Admins, or everyone (members and visiting superadmins). */
export function TwoFactorRequirementForm({
  slug,
  requirement,
  canManage,
  setTwoFactorRequirement,
}: {
  slug: string;
  requirement: TwoFactorRequirement;
  canManage: boolean;
  setTwoFactorRequirement: TenantAction<null>;
}) {
  const { result, values, version, formAction, pending } = useFormAction((previous: unknown, form: FormData) =>
    setTwoFactorRequirement(slug, previous, form),
  );
  return (
    <div className="max-w-xl space-y-4">
      <form key={version} action={formAction} className="flex flex-wrap items-end gap-3">
        <label className="block text-sm font-medium">
          Require two-factor
          <select
            name="twoFactorRequired"
            defaultValue={shownValue(values, "twoFactorRequired", requirement)}
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
      </form>
      {canManage && <FormMessage result={formOutcome(result)} success="Two-factor requirement saved." />}
    </div>
  );
}
