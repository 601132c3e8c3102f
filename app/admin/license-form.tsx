"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { LiveRegion } from "@/components/ui/live-region";
import { useFormAction } from "@/components/ui/use-form-action";
import { LICENSE_KEYS, LICENSES } from "@/lib/licenses";
import { setTenantLicense } from "./actions";

/** A tenant's "License" select with its own Save button (changing it resets the flow cap to the license's default). */
export function LicenseForm({ tenantId, license }: { tenantId: string; license: string }) {
  const id = useId();
  const { result, version, formAction, pending } = useFormAction(setTenantLicense);
  // The form is re-created on every submit and whenever the saved license changes (an input the browser has
  // already filled ignores a new defaultValue, so it would keep showing a stale value, e.g. after a
  // license change resets the flow cap). The messages sit outside it: a live region must already be
  // on the page when its message arrives.
  return (
    <div>
      <form key={`${version}:${license}`} action={formAction} className="flex flex-wrap items-center gap-2">
        <input type="hidden" name="tenantId" value={tenantId} />
        <label htmlFor={id} className="sr-only">
          License
        </label>
        <select id={id} name="license" defaultValue={license} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
          {LICENSE_KEYS.map((key) => (
            <option key={key} value={key}>
              {LICENSES[key].label}
            </option>
          ))}
        </select>
        <Button type="submit" variant="secondary" disabled={pending} className="px-2 py-1">
          Save license
        </Button>
      </form>
      <LiveRegion className="mt-1 text-xs">
        {result && !result.ok && (
          <p role="alert" className="text-red-700">
            {result.message}
          </p>
        )}
        {result?.ok && (
          <p role="status" className="text-green-800">
            Saved; flow cap is now {result.data.flowCap}.
          </p>
        )}
      </LiveRegion>
    </div>
  );
}
