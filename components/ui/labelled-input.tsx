import type { InputHTMLAttributes } from "react";

/**
 * An input and the label that names it (by `id`), the one way every field here is labelled: forms
 * (TextField), table filters (ParamInput) and a table row's own field (InlineNumberForm, whose label
 * is visually hidden because the column header shows it). `describedBy` lists the ids of its hint or
 * error, which screen readers announce with the field.
 */
export function LabelledInput({
  id,
  label,
  labelClassName,
  describedBy,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; labelClassName: string; describedBy?: (string | false | null | undefined)[] }) {
  const described = describedBy?.filter(Boolean).join(" ");
  return (
    <>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      <input id={id} aria-describedby={described || undefined} {...input} />
    </>
  );
}
