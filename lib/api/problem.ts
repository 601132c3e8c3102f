// Errors of the REST API as RFC 9457 problem details (application/problem+json): a status, a short
// title for the kind of problem and a detail sentence for this occurrence, nothing from the server's
// internals.
import type { ActionErrorCode, FieldErrors } from "../action-result";
import { API_KEY_UNUSABLE_MESSAGE } from "../api-keys/api-key";
import { TOKEN_UNUSABLE_MESSAGE } from "../integrations/token-claims";

/** What an API key or signed token of an archived tenant is told (it is refused until the tenant is restored). */
export const ARCHIVED_API_MESSAGE = "This tenant is archived: its API keys and integration tokens are refused until it is restored.";
export function problem(
  status: number,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
  extensions: Record<string, unknown> = {},
): Response {
  return Response.json(
    { type: "about:blank", title, status, detail, ...extensions },
    { status, headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers } },
  );
}

// RFC 6750: a request without a key gets the challenge alone; one with a bad key is told it is invalid.
const challenge = (presented: boolean) => ({
  "www-authenticate": presented ? 'Bearer realm="tenantry", error="invalid_token"' : 'Bearer realm="tenantry"',
});

export const unauthorized = (presented: boolean) =>
  problem(
    401,
    "Unauthorized",
    presented ? API_KEY_UNUSABLE_MESSAGE : "Send an API key: Authorization: Bearer <key>.",
    challenge(presented),
  );

export const unauthorizedToken = () => problem(401, "Unauthorized", TOKEN_UNUSABLE_MESSAGE, challenge(true));

export const forbidden = () => problem(403, "Forbidden", "The API key's role does not allow this.");

export const archivedTenant = () => problem(423, "Locked", ARCHIVED_API_MESSAGE, {}, { code: "ARCHIVED" });

export const addressRefused = () => problem(403, "Forbidden", "Your address is not allowed to use this tenant's API (IP allow-list).");

const STATUS_OF: Record<ActionErrorCode, { status: number; title: string }> = {
  VALIDATION: { status: 422, title: "Unprocessable Content" },
  UNAUTHENTICATED: { status: 401, title: "Unauthorized" },
  NOT_FOUND: { status: 404, title: "Not Found" },
  FORBIDDEN: { status: 403, title: "Forbidden" },
  CONFLICT: { status: 409, title: "Conflict" },
  RATE_LIMITED: { status: 429, title: "Too Many Requests" },
  LICENSE_REQUIRED: { status: 403, title: "Forbidden" },
  UNAVAILABLE: { status: 503, title: "Service Unavailable" },
  RETRYABLE: { status: 503, title: "Service Unavailable" },
  ARCHIVED: { status: 423, title: "Locked" },
  INTERNAL: { status: 500, title: "Internal Server Error" },
};

/**
 * A refused write as problem+json: the status for its code, the form's own message as the detail,
 * the code, and each field's messages (`errors`, as the form shows them under the fields).
 */
export function actionProblem(refusal: { code: ActionErrorCode; message: string; fieldErrors?: FieldErrors }): Response {
  const { status, title } = STATUS_OF[refusal.code];
  const headers: Record<string, string> = refusal.code === "UNAUTHENTICATED" ? challenge(true) : refusal.code === "RETRYABLE" ? { "retry-after": "1" } : {};
  const extra = { code: refusal.code, ...(refusal.fieldErrors ? { errors: refusal.fieldErrors } : {}) };
  return problem(status, title, refusal.message, headers, extra);
}
