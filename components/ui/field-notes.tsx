/** What a form field says under itself: its hint, and its error as an alert (ids for aria-describedby). */
export function FieldNotes({ description, descriptionId, errors, errorId }: { description?: string; descriptionId: string; errors?: string[]; errorId: string }) {
  return (
    <>
      {description && (
        <p id={descriptionId} className="mt-1 text-xs text-slate-500">
          {description}
        </p>
      )}
      {errors?.length ? (
        <p id={errorId} role="alert" className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}
