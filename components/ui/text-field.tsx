import { useId, type InputHTMLAttributes } from "react";
import { FieldNotes } from "./field-notes";
import { LabelledInput } from "./labelled-input";

/**
 * A labelled input with its error right under it (aria-invalid + aria-describedby), so a screen
 * reader announces the message with the field. `errors` is a field's entry from an action result.
 */
export function TextField({
  label,
  errors,
  description,
  className = "",
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; errors?: string[]; description?: string; name: string }) {
  const id = useId();
  const errorId = `${id}-error`;
  const descriptionId = `${id}-description`;
  return (
    <div className={className}>
      <LabelledInput
        id={id}
        label={label}
        labelClassName="block text-sm font-medium"
        aria-invalid={errors?.length ? true : undefined}
        describedBy={[Boolean(errors?.length) && errorId, Boolean(description) && descriptionId]}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm read-only:bg-slate-100 disabled:bg-slate-100 aria-invalid:border-red-600"
        {...input}
      />
      <FieldNotes description={description} descriptionId={descriptionId} errors={errors} errorId={errorId} />
    </div>
  );
}
