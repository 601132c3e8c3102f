import type { ActionResult } from "@/lib/action-result";
import { LiveRegion } from "./live-region";

/**
 * The outcome of a form's last submit: failures as an alert, successes as a polite status, inside a
 * live region that is there before the first submit (keep it outside a form that is re-keyed on
 * submit). Field-level errors are shown by the fields themselves; this carries the overall message.
 */
export function FormMessage({ result, success, className }: { result: ActionResult<unknown> | null | undefined; success?: string; className?: string }) {
  return <LiveRegion className={className}>{result && <Outcome result={result} success={success} />}</LiveRegion>;
}

function Outcome({ result, success }: { result: ActionResult<unknown>; success?: string }) {
  if (!result.ok) return <ErrorMessage>{result.message}</ErrorMessage>;
  const message = result.message ?? success;
  return message ? <SuccessMessage>{message}</SuccessMessage> : null;
}

/** A confirmed change, said politely (inside a LiveRegion that was already on the page). */
export function SuccessMessage({ children }: { children: React.ReactNode }) {
  return <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">{children}</p>;
}

/** A form's overall failure, announced as an alert (forms with their own state shape use it directly). */
export function ErrorMessage({ children }: { children: React.ReactNode }) {
  return <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{children}</p>;
}
