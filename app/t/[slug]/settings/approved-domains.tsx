"use client";

import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/form-message";
import { LiveRegion } from "@/components/ui/live-region";
import { TextField } from "@/components/ui/text-field";
import type { TenantAction } from "@/lib/actions/tenant-action";
import { formOutcome, shownValue, useFormAction } from "@/components/ui/use-form-action";

/**
 * The approved domains list, with "Add domain" and a remove button per domain for Admins. Approved
 * domains are a paid feature: without it "Add domain" is disabled with the license it needs beside it,
 * while domains approved before a downgrade stay in force and can still be removed.
 */
export function ApprovedDomains({
  slug,
  domains,
  canManage,
  unavailable,
  addDomain,
  removeDomain,
}: {
  slug: string;
  domains: string[];
  canManage: boolean;
  /** Why the tenant's license does not allow adding domains, or null when it does. */
  unavailable: string | null;
  addDomain: TenantAction<{ domain: string }>;
  removeDomain: TenantAction<null>;
}) {
  const reasonId = useId();
  const { result, values, version, fieldErrors: errors, formAction, pending: adding } = useFormAction((previous: unknown, form: FormData) =>
    addDomain(slug, previous, form),
  );
  const [removal, setRemoval] = useState<{ ok: boolean; message: string } | null>(null);
  const [removing, startRemoving] = useTransition();

  function remove(domain: string) {
    setRemoval(null);
    startRemoving(async () => {
      const result = await removeDomain(slug, null, { domain });
      if (!result.ok) return setRemoval({ ok: false, message: result.message });
      // The action's wrapper has already refreshed the page (its revalidation rule), so the list
      // that arrives with the answer no longer holds the domain.
      setRemoval({ ok: true, message: `${domain} is no longer approved.` });
    });
  }

  // Each outcome is said next to where it happened, in a live region that is always there (the add
  // form is re-created on every submit, so its message sits outside it).
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        {domains.length === 0 ? (
          <EmptyState title="No approved domains">Any email address can be added as a member.</EmptyState>
        ) : (
          <ul aria-label="Approved domains" className="max-w-xl divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {domains.map((domain) => (
              <li key={domain} className="flex items-center justify-between gap-4 px-4 py-2">
                <span className="font-mono text-sm">{domain}</span>
                {canManage && (
                  <Button type="button" variant="secondary" aria-label={`Remove ${domain}`} disabled={removing} onClick={() => remove(domain)}>
                    Remove
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        <LiveRegion className="text-sm">
          {removal && (
            <p role={removal.ok ? "status" : "alert"} className={removal.ok ? "text-green-800" : "text-red-700"}>
              {removal.message}
            </p>
          )}
        </LiveRegion>
      </div>
      {canManage && (
        <div className="max-w-xl space-y-2">
          <form key={version} action={formAction} noValidate className="flex flex-wrap items-start gap-2">
            <TextField
              label="Domain"
              name="domain"
              defaultValue={shownValue(values, "domain", "")}
              autoCapitalize="none"
              spellCheck={false}
              placeholder="example.com"
              description="Addresses ending in @ this domain may be added. International names are stored in punycode."
              errors={errors.domain}
              disabled={unavailable !== null}
              className="min-w-64 flex-1"
            />
            <Button type="submit" disabled={adding || unavailable !== null} aria-describedby={unavailable ? reasonId : undefined} className="mt-6">
              {adding ? "Adding…" : "Add domain"}
            </Button>
            {unavailable && (
              <p id={reasonId} className="basis-full text-sm text-amber-800">
                {unavailable}
              </p>
            )}
          </form>
          <FormMessage result={formOutcome(result)} success={result?.ok ? `${result.data.domain} is approved.` : undefined} />
        </div>
      )}
    </div>
  );
}
