import { useId, type SelectHTMLAttributes } from "react";
import { FieldNotes } from "./field-notes";

/**
 * A labelled select with its hint and error right under it (aria-invalid + aria-describedby), like
 * TextField: `errors` is a field's entry from an action result.
 */
export function SelectField({
  label,
  options,
  errors,
  description,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; options: readonly { value: string; label: string }[]; errors?: string[]; description?: string }) {
  const id = useId();
  const errorId = `${id}-error`;
  const descriptionId = `${id}-description`;
  const describedBy = [errors?.length ? errorId : null, description ? descriptionId : null].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600"
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldNotes description={description} descriptionId={descriptionId} errors={errors} errorId={errorId} />
    </div>
  );
}
