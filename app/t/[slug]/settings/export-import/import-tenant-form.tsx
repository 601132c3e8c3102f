"use client";

import { useId, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorMessage, SuccessMessage } from "@/components/ui/form-message";
import { LiveRegion } from "@/components/ui/live-region";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/action-result";
import type { TenantAction } from "@/lib/actions/tenant-action";
import { IMPORT_KIND_LABELS, IMPORT_KINDS, type ImportPlan } from "@/lib/tenant-export/import-plan";

type Outcome = { result: ActionResult<ImportPlan>; applied: boolean } | null;

/**
 * "Import file" with its passphrase: "Dry run" shows what the file would create, change and skip (and
 * writes nothing); "Apply import" asks for confirmation, then imports it in one transaction. The form
 * is never reset by a submit, so the chosen file stays chosen between the dry run and applying.
 */
export function ImportTenantForm({
  slug,
  previewTenantImport,
  importTenantData,
}: {
  slug: string;
  previewTenantImport: TenantAction<ImportPlan>;
  importTenantData: TenantAction<ImportPlan>;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const fileId = useId();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();
  const errors = outcome && !outcome.result.ok ? (outcome.result.fieldErrors ?? {}) : {};

  const run = async (applied: boolean) => {
    const result = await (applied ? importTenantData : previewTenantImport)(slug, null, new FormData(formRef.current!));
    setOutcome({ result, applied });
    return result;
  };

  return (
    <div className="max-w-2xl space-y-4">
      <form
        ref={formRef}
        noValidate
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          startTransition(async () => void (await run(false)));
        }}
      >
        <div>
          <label htmlFor={fileId} className="block text-sm font-medium">
            Import file
          </label>
          <input
            id={fileId}
            name="file"
            type="file"
            accept=".jsonl,application/x-ndjson"
            aria-invalid={errors.file?.length ? true : undefined}
            aria-describedby={errors.file?.length ? `${fileId}-error` : undefined}
            className="mt-1 block text-sm"
          />
          {errors.file?.length ? (
            <p id={`${fileId}-error`} role="alert" className="mt-1 text-sm text-red-700">
              {errors.file.join(" ")}
            </p>
          ) : null}
        </div>
        <TextField
          label="Import passphrase"
          name="passphrase"
          type="password"
          autoComplete="off"
          description="The passphrase the file was exported with, to import its credentials. Without it they are skipped."
          errors={errors.passphrase}
        />
        <div className="flex gap-2">
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? "Checking…" : "Dry run"}
          </Button>
          <ConfirmDialog
            triggerLabel="Apply import"
            triggerVariant="primary"
            title="Import this file into the tenant?"
            confirmLabel="Import tenant data"
            onConfirm={() => run(true)}
          >
            <p>
              What the tenant does not have is created; flows of the same name take the file&apos;s steps. Tables and
              credentials of the same name are kept. Run a dry run first to see each change.
            </p>
          </ConfirmDialog>
        </div>
      </form>
      <LiveRegion>
        {outcome && !outcome.result.ok && <ErrorMessage>{outcome.result.message}</ErrorMessage>}
        {outcome?.result.ok && (
          <SuccessMessage>{outcome.applied ? (outcome.result.message ?? "Import applied.") : "Dry run: nothing was written. This is what applying would do."}</SuccessMessage>
        )}
      </LiveRegion>
      {outcome?.result.ok && <PlanTable plan={outcome.result.data} applied={outcome.applied} />}
    </div>
  );
}

function Names({ names }: { names: string[] }) {
  return names.length ? <>{names.join(", ")}</> : <span className="text-slate-400">none</span>;
}

function PlanTable({ plan, applied }: { plan: ImportPlan; applied: boolean }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="text-left font-medium">{applied ? "Imported" : "Dry run"}</caption>
      <thead>
        <tr className="border-b border-slate-200">
          {["Kind", "Created", "Changed", "Skipped"].map((heading) => (
            <th key={heading} scope="col" className="py-1 pr-3">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {IMPORT_KINDS.map((kind) => {
          const { created, changed, skipped } = plan[kind];
          return (
            <tr key={kind} className="border-b border-slate-100 align-top">
              <th scope="row" className="py-1 pr-3 font-medium">
                {IMPORT_KIND_LABELS[kind]}
              </th>
              <td className="py-1 pr-3">
                {created.length} {created.length > 0 && <>(<Names names={created} />)</>}
                {kind === "tables" && plan.rowsCreated > 0 && <> with {plan.rowsCreated} rows</>}
              </td>
              <td className="py-1 pr-3">
                {changed.length} {changed.length > 0 && <>(<Names names={changed} />)</>}
              </td>
              <td className="py-1">
                {skipped.length}
                {skipped.length > 0 && (
                  <ul className="list-disc pl-4">
                    {skipped.map((item) => (
                      <li key={item.name}>
                        {item.name}: {item.reason}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
