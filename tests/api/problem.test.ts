// Every refusal code of the write core as the REST API answers it: the status, the title, the
// problem+json body with the form's message, and the headers a client acts on.
import { describe, expect, it } from "vitest";
import type { ActionErrorCode } from "@/lib/action-result";
import { actionProblem } from "@/lib/api/problem";

const EXPECTED: Record<ActionErrorCode, [number, string]> = {
  VALIDATION: [422, "Unprocessable Content"],
  UNAUTHENTICATED: [401, "Unauthorized"],
  NOT_FOUND: [404, "Not Found"],
  FORBIDDEN: [403, "Forbidden"],
  CONFLICT: [409, "Conflict"],
  RATE_LIMITED: [429, "Too Many Requests"],
  LICENSE_REQUIRED: [403, "Forbidden"],
  UNAVAILABLE: [503, "Service Unavailable"],
  RETRYABLE: [503, "Service Unavailable"],
  ARCHIVED: [423, "Locked"],
  INTERNAL: [500, "Internal Server Error"],
};

describe("actionProblem", () => {
  it.each(Object.entries(EXPECTED))("%s", async (code, [status, title]) => {
    const response = actionProblem({ code: code as ActionErrorCode, message: `The message for ${code}.` });
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ type: "about:blank", title, status, detail: `The message for ${code}.`, code });
    expect(response.headers.get("www-authenticate")).toBe(code === "UNAUTHENTICATED" ? 'Bearer realm="tenantry", error="invalid_token"' : null);
    expect(response.headers.get("retry-after")).toBe(code === "RETRYABLE" ? "1" : null);
  });

  it("carries each field's messages as `errors`", async () => {
    const response = actionProblem({ code: "VALIDATION", message: "Please correct the highlighted fields.", fieldErrors: { name: ["Enter a name."] } });
    expect(await response.json()).toMatchObject({ errors: { name: ["Enter a name."] } });
  });
});
