import type { ActionResult } from "@/lib/action-result";

/**
 * The outcome of a form's last submit: failures as an alert, successes as a polite status.
 * Field-level errors are shown by the fields themselves; this carries the overall message.
 */
export function FormMessage({ result, success }: { result: ActionResult<unknown> | null | undefined; success?: string }) {
  if (!result) return null;
  if (!result.ok) return <ErrorMessage>{result.message}</ErrorMessage>;
  const message = result.message ?? success;
  return message ? (
    <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
      {message}
    </p>
  ) : null;
}

/** A form's overall failure, announced as an alert (forms with their own state shape use it directly). */
export function ErrorMessage({ children }: { children: React.ReactNode }) {
  return <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{children}</p>;
}
