"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { formOutcome, shownValue, useFormAction } from "@/components/ui/use-form-action";
import type { TenantAction } from "@/lib/actions/tenant-action";
import { ACCESS_KIND_LABELS, ACCESS_KINDS, type AccessKind, type IpAllowLists } from "@/lib/ip-allow-list";

const HINTS: Record<AccessKind, string> = {
  run: "Running flows and every call of the API.",
  edit: "Creating and changing flows and credentials.",
  admin: "Members, settings, API keys and deleting the tenant.",
  package: "Exporting the activity log, exporting and importing the tenant's data.",
};

/**
 * One textarea per kind of access (one CIDR block or address per line; empty: no restriction), each
 * with its error under it. Lists that would shut out the Admin's own address come back with the
 * guard's question and a checkbox to confirm.
 */
export function IpAllowListsForm({
  slug,
  lists,
  address,
  canManage,
  saveIpAllowLists,
}: {
  slug: string;
  lists: IpAllowLists;
  address: string | null;
  canManage: boolean;
  saveIpAllowLists: TenantAction<null>;
}) {
  const id = useId();
  const { result, values, version, fieldErrors: errors, formAction, pending } = useFormAction((previous: unknown, form: FormData) =>
    saveIpAllowLists(slug, previous, form),
  );
  return (
    <div className="max-w-xl space-y-4">
      <p className="text-sm text-slate-600">
        Your address: <code data-testid="your-address" className="rounded bg-slate-100 px-1">{address ?? "unknown"}</code>
      </p>
      <form key={version} action={formAction} noValidate className="space-y-4">
        {ACCESS_KINDS.map((kind) => {
          const fieldId = `${id}-${kind}`;
          const error = errors[kind];
          return (
            <div key={kind}>
              <label htmlFor={fieldId} className="block text-sm font-medium">
                {ACCESS_KIND_LABELS[kind]}
              </label>
              <textarea
                id={fieldId}
                name={kind}
                rows={3}
                spellCheck={false}
                readOnly={!canManage}
                defaultValue={shownValue(values, kind, (lists[kind] ?? []).join("\n"))}
                aria-invalid={error?.length ? true : undefined}
                aria-describedby={[`${fieldId}-hint`, error?.length ? `${fieldId}-error` : ""].filter(Boolean).join(" ")}
                placeholder="No restriction"
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm read-only:bg-slate-100 aria-invalid:border-red-600"
              />
              <p id={`${fieldId}-hint`} className="mt-1 text-xs text-slate-500">
                {HINTS[kind]}
              </p>
              {error?.length ? (
                <p id={`${fieldId}-error`} role="alert" className="mt-1 text-sm text-red-700">
                  {error.join(" ")}
                </p>
              ) : null}
            </div>
          );
        })}
        {errors.confirmLockOut?.length ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
            <p id={`${id}-lockout`} role="alert" className="text-sm text-amber-900">
              {errors.confirmLockOut.join(" ")}
            </p>
            <label className="mt-2 flex items-center gap-2 text-sm">
              <input type="checkbox" name="confirmLockOut" value="true" aria-describedby={`${id}-lockout`} />
              Save even though my address is not included
            </label>
          </div>
        ) : null}
        {canManage && (
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save IP allow-lists"}
          </Button>
        )}
      </form>
      {canManage && <FormMessage result={formOutcome(result)} />}
    </div>
  );
}
