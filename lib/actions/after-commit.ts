// What a wrapper does once its transaction has committed, the same way for every action: the success
// message, the one revalidation rule, and the redirect of forms whose success leaves the page.
// Nothing here may turn a committed write into a failure.
import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "../action-result";

/**
 * The one revalidation rule: after a successful write, the pages of the scope it wrote in (a tenant's
 * `/t/<slug>` layout, the console's `/admin` layout) are rendered again, in the action's own answer
 * and on the next visit. Outside a request (scripts, tests) there is no page to refresh; inside one,
 * a refresh that fails must not report a committed write as failed, so it is only logged.
 */
export function refreshPages(layoutPath: string): void {
  try {
    revalidatePath(layoutPath, "layout");
  } catch (error) {
    if (!(error instanceof Error && error.message.includes("static generation store missing"))) {
      console.error(`[refresh ${layoutPath}]`, error);
    }
  }
}

/** The answer of a committed write, with the action's own success message when it gave one. */
export function committed<T>(data: T, message: string | undefined): ActionResult<T> {
  // Stryker disable next-line ConditionalExpression: equivalent, a message of undefined reads as none wherever an answer is shown
  return message === undefined ? { ok: true, data } : { ok: true, data, message };
}

/**
 * A form whose success leaves the page (a new tenant, an accepted invitation): lands where `to` says
 * once the write has committed; a refusal stays on the form with its typed result. `redirect` is
 * called outside the wrapper, whose error handling would otherwise take it for a failure.
 */
export function redirectOnSuccess<T, Args extends unknown[]>(
  action: (...args: Args) => Promise<ActionResult<T>>,
  to: (data: T) => string,
): (...args: Args) => Promise<ActionResult<T>> {
  return async function redirectingAction(...args) {
    const result = await action(...args);
    if (result.ok) redirect(to(result.data));
    return result;
  };
}
