"use client";

import { useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { replaceCredential } from "./actions";

/** "Replace value": a modal form (native <dialog>: focus trapped, Escape cancels) with the new value. */
export function ReplaceValueDialog({ slug, credentialId, name }: { slug: string; credentialId: string; name: string }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = `replace-${useId()}-title`;
  const { result, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => replaceCredential(slug, previous, form), {
    onSuccess: () => dialogRef.current?.close(),
  });
  return (
    <>
      <Button type="button" variant="secondary" onClick={() => dialogRef.current?.showModal()}>
        Replace value
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-xl border border-slate-200 p-6 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="text-lg font-semibold">{`Replace the value of ${name}`}</h2>
        <form key={version} action={formAction} noValidate className="mt-4 space-y-4">
          <input type="hidden" name="credentialId" value={credentialId} />
          <TextField label="Value" name="value" autoComplete="off" spellCheck={false} errors={fieldErrors.value} />
          {result && !result.ok && !fieldErrors.value ? <FormMessage result={result} /> : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialogRef.current?.close()} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save value"}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
