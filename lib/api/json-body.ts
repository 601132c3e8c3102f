// A REST API request's JSON body: an object, or the problem to answer (400) when it is not JSON or
// not an object. What the fields hold is the action's schema's business.
import { problem } from "./problem";

export async function jsonBody(request: Request): Promise<Record<string, unknown> | Response> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return problem(400, "Bad Request", "Send a JSON object as the body (Content-Type: application/json).");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return problem(400, "Bad Request", "Send a JSON object as the body (Content-Type: application/json).");
  }
  return body as Record<string, unknown>;
}
