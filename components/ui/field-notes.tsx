import { FieldErrors } from "./field-errors";

/** What a form field says under itself: its hint, and its error as an alert (ids for aria-describedby). */
export function FieldNotes({ description, descriptionId, errors, errorId }: { description?: string; descriptionId: string; errors?: string[]; errorId: string }) {
  return (
    <>
      {description && (
        <p id={descriptionId} className="mt-1 text-xs text-slate-500">
          {description}
        </p>
      )}
      <FieldErrors id={errorId} errors={errors} />
    </>
  );
}
