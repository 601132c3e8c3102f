/** A field's errors from an action result, right under it: `id` is what the field's aria-describedby names. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} role="alert" className="mt-1 text-sm text-red-700">
      {errors.join(" ")}
    </p>
  ) : null;
}
