// POST /api/webhooks/<tenant id>/<connection id>/<token>: an outside service calling a tenant's
// incoming webhook connection (lib/connections/receive-webhook.ts). 202 when recorded, 403 when the
// connection is inactive, 429 with Retry-After past the connection's rate limit, 404 for anything else
// (unknown ids and a wrong token alike).
import { receiveWebhook } from "@/lib/connections/receive-webhook";
import { problem } from "@/lib/api/problem";
import { WEBHOOK_REQUESTS_PER_MINUTE } from "@/lib/connections/webhook-rate-limit";
import { clientIp } from "@/lib/client-ip";

type Context = { params: Promise<{ tenantId: string; connectionId: string; token: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const outcome = await receiveWebhook(await params, {
    contentType: request.headers.get("content-type")?.slice(0, 200) ?? null,
    contentLength: request.headers.get("content-length")?.slice(0, 20) ?? null,
    ip: await clientIp(),
  });
  if (typeof outcome === "object") {
    const headers = { "retry-after": String(outcome.retryAfterSeconds), "ratelimit-policy": `"webhook";q=${WEBHOOK_REQUESTS_PER_MINUTE};w=60` };
    return problem(429, "Too Many Requests", `This webhook takes at most ${WEBHOOK_REQUESTS_PER_MINUTE} requests per minute. Retry after ${outcome.retryAfterSeconds} s.`, headers);
  }
  if (outcome === "inactive") return problem(403, "Forbidden", "This webhook's connection is inactive.");
  if (outcome === "not_found") return problem(404, "Not Found", "No such webhook.");
  return Response.json({ received: true }, { status: 202, headers: { "cache-control": "no-store" } });
}
