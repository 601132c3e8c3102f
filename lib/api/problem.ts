// Errors of the REST API as RFC 9457 problem details (application/problem+json): a status, a short
// title for the kind of problem and a detail sentence for this occurrence, nothing from the server's
// internals.
export function problem(status: number, title: string, detail: string, headers: Record<string, string> = {}): Response {
  return Response.json(
    { type: "about:blank", title, status, detail },
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
    presented ? "The API key is not valid: it may be mistyped, revoked or expired." : "Send an API key: Authorization: Bearer <key>.",
    challenge(presented),
  );

export const forbidden = () => problem(403, "Forbidden", "The API key's role does not allow this.");

export const addressRefused = () => problem(403, "Forbidden", "Your address is not allowed to use this tenant's API (IP allow-list).");
