"use client";

import { useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import type { DataColumn, DataRowValues } from "@/db/schema/data-tables";
import { editRow } from "../actions";
import { RowFields } from "./row-fields";

/** "Edit" on a row: a modal form (native <dialog>) with the row's values; closes once saved. */
export function EditRowDialog({ slug, tableId, rowId, columns, saved }: { slug: string; tableId: string; rowId: string; columns: DataColumn[]; saved: DataRowValues }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = `edit-row-${useId()}-title`;
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction(async (previous, form) => {
    const answer = await editRow(slug, previous, form);
    if (answer.ok) dialogRef.current?.close();
    return answer;
  });
  return (
    <>
      <Button type="button" variant="secondary" onClick={() => dialogRef.current?.showModal()}>
        Edit
      </Button>
      <dialog ref={dialogRef} aria-labelledby={titleId} className="m-auto rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-lg font-semibold">
          Edit row
        </h2>
        <form key={version} action={formAction} noValidate className="mt-4 space-y-4">
          <input type="hidden" name="tableId" value={tableId} />
          <input type="hidden" name="rowId" value={rowId} />
          <RowFields columns={columns} typed={values} saved={saved} fieldErrors={fieldErrors} />
          <div className="flex gap-3">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save row"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => dialogRef.current?.close()}>
              Cancel
            </Button>
          </div>
        </form>
        {result && !result.ok ? <FormMessage result={result} className="mt-3" /> : null}
      </dialog>
    </>
  );
}
