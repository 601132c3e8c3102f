// An incoming webhook's POST (/api/webhooks/<tenant id>/<connection id>/<token>): accepted when the
// ids name an incoming-webhook connection whose token matches (compared in constant time) and which is
// not inactive; then its last-received time is set and the tenant's log gets an entry, in one
// transaction under the tenant's row-level security. Any unknown id or wrong token is "not found"
// alike, so nothing tells an outsider which part was wrong. The body is not stored. Each connection
// takes at most WEBHOOK_REQUESTS_PER_MINUTE POSTs (lib/connections/webhook-rate-limit.ts).
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { lockConnectionSecrets, markWebhookReceived } from "@/db/queries/connections";
import { recordActivity } from "@/db/queries/activity/tenant-log";
import { withTenant } from "@/db/scopes";
import { isUuid } from "../ids";
import { publicOrigin } from "../app-url";
import { openConnectionSecrets } from "./connection-secrets";
import { admitWebhookPost } from "./webhook-rate-limit";

/** What the route answers; a connection past its rate limit says after how many seconds to retry. */
export type WebhookOutcome = "accepted" | "not_found" | "inactive" | { retryAfterSeconds: number };

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** The URL an incoming webhook connection receives on (shown to those who manage connections). */
export const webhookUrl = (tenantId: string, connectionId: string, token: string) => `${publicOrigin()}/api/webhooks/${tenantId}/${connectionId}/${token}`;

export async function receiveWebhook(
  path: { tenantId: string; connectionId: string; token: string },
  request: { contentType: string | null; contentLength: string | null; ip: string | null },
): Promise<WebhookOutcome> {
  if (!isUuid(path.tenantId) || !isUuid(path.connectionId) || path.token.length > 200) return "not_found";
  return withTenant({ tenantId: path.tenantId, userId: null }, async (tx) => {
    const connection = await lockConnectionSecrets(tx, path.connectionId);
    if (!connection || connection.connector !== "incoming_webhook") return "not_found";
    const { webhookToken } = openConnectionSecrets(tx.tenantId, connection.id, connection.encrypted);
    // Equal-length digests: the comparison takes the same time whatever was sent.
    if (!webhookToken || !timingSafeEqual(digest(webhookToken), digest(path.token))) return "not_found";
    if (connection.status === "inactive") return "inactive";
    const admission = await admitWebhookPost(tx, connection.id);
    if (!admission.admitted) return { retryAfterSeconds: admission.retryAfterSeconds };
    await markWebhookReceived(tx, connection.id);
    await recordActivity(tx, {
      actorUserId: null,
      actorEmail: `Incoming webhook ${connection.name}`,
      action: "connection.webhook_received",
      targetType: "connection",
      targetId: connection.id,
      summary: `The incoming webhook ${connection.name} received a POST`,
      details: { name: connection.name, contentType: request.contentType, contentLength: request.contentLength },
      ip: request.ip,
    });
    return "accepted";
  });
}
