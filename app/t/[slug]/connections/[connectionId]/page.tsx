import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { withActorTenant } from "@/db/scopes";
import { findConnection, readConnectionSecrets } from "@/db/queries/connections";
import { PageHeader } from "@/components/ui/page-header";
import { CopyButton } from "@/components/ui/copy-button";
import { requireActor } from "@/lib/actor";
import { formatDateTime } from "@/lib/format";
import { isUuid } from "@/lib/ids";
import { can } from "@/lib/permissions";
import { CONNECTOR_CATALOG, HTTP_AUTH_LABELS, isConnectorKey, type HttpAuthType } from "@/lib/connections/catalog";
import { openConnectionSecrets } from "@/lib/connections/connection-secrets";
import { webhookUrl } from "@/lib/connections/receive-webhook";
import { ConnectionStatusBadge } from "../connection-status";
import { ConnectionStatusButton, DeleteConnectionButton, TestConnectionButton } from "../connection-buttons";
import { EditConnectionForm } from "../edit-connection-form";

export const metadata: Metadata = { title: "Connection" };

const SETTING_LABELS: Record<string, string> = { baseUrl: "Base URL", authType: "Authentication", username: "User name", host: "Host", port: "Port", tls: "TLS" };

function settingText(name: string, value: string | number | boolean): string {
  if (name === "authType") return HTTP_AUTH_LABELS[value as HttpAuthType] ?? String(value);
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

// One connection: its settings and status for everyone with connections.read; the webhook URL (it
// carries the token), the edit form and the Test / Deactivate / Delete buttons for connections.manage.
export default async function ConnectionPage({ params }: { params: Promise<{ slug: string; connectionId: string }> }) {
  const { slug, connectionId } = await params;
  const actor = await requireActor(slug);
  if (!can(actor, "connections.read") || !isUuid(connectionId)) notFound();
  const canManage = can(actor, "connections.manage");
  const found = await withActorTenant(actor, async (tx) => {
    const connection = await findConnection(tx, connectionId);
    if (!connection || !canManage || connection.connector !== "incoming_webhook") return connection ? { connection, hookUrl: null } : null;
    const locked = await readConnectionSecrets(tx, connectionId);
    const token = locked ? openConnectionSecrets(tx.tenantId, connectionId, locked.encrypted).webhookToken : undefined;
    return { connection, hookUrl: token ? webhookUrl(tx.tenantId, connectionId, token) : null };
  });
  if (!found || !isConnectorKey(found.connection.connector)) notFound();
  const { connection, hookUrl } = found;
  const connector = CONNECTOR_CATALOG[found.connection.connector as keyof typeof CONNECTOR_CATALOG];

  return (
    <section className="space-y-6">
      <p className="text-sm">
        <Link href={`/t/${slug}/connections`} className="text-blue-700 hover:underline">
          ← Connections
        </Link>
      </p>
      <PageHeader title={connection.name} description={`${connector.label}: ${connector.description}`} />
      <dl className="grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-medium">Status</dt>
        <dd>
          <ConnectionStatusBadge status={connection.status} />
          {connection.lastError ? <p className="mt-1 text-red-800">{connection.lastError}</p> : null}
        </dd>
        {Object.entries(connection.settings).map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="font-medium">{SETTING_LABELS[name] ?? name}</dt>
            <dd className="break-all">{settingText(name, value)}</dd>
          </div>
        ))}
        <dt className="font-medium">Last tested</dt>
        <dd>{connection.lastTestedAt ? formatDateTime(connection.lastTestedAt) : "Never"}</dd>
        {connection.connector === "incoming_webhook" && (
          <>
            <dt className="font-medium">Last received</dt>
            <dd>{connection.lastReceivedAt ? formatDateTime(connection.lastReceivedAt) : "Never"}</dd>
          </>
        )}
        {hookUrl && (
          <>
            <dt className="font-medium">Webhook URL</dt>
            <dd className="flex items-center gap-2">
              <code className="break-all font-mono text-xs" data-testid="webhook-url">
                {hookUrl}
              </code>
              <CopyButton value={hookUrl} label="Copy webhook URL" />
            </dd>
          </>
        )}
      </dl>
      {canManage && (
        <>
          <div className="flex flex-wrap items-start gap-3">
            <TestConnectionButton slug={slug} connectionId={connection.id} />
            <ConnectionStatusButton slug={slug} connectionId={connection.id} active={connection.status !== "inactive"} />
            <DeleteConnectionButton slug={slug} connectionId={connection.id} name={connection.name} />
          </div>
          <EditConnectionForm slug={slug} connection={{ id: connection.id, name: connection.name, connector: connector.key, settings: connection.settings }} />
        </>
      )}
    </section>
  );
}
