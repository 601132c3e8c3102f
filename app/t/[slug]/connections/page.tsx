import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { withActorTenant } from "@/db/scopes";
import { listConnections } from "@/db/queries/connections";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/actor";
import { formatDateTime } from "@/lib/format";
import { can } from "@/lib/permissions";
import { connectorLabel } from "@/lib/connections/catalog";
import { ConnectionStatusBadge } from "./connection-status";
import { NewConnectionForm } from "./new-connection-form";

export const metadata: Metadata = { title: "Connections" };

const COLUMNS = ["Name", "Connector", "Status", "Last tested"];

// Every member with connections.read sees the tenant's connections and their status; Editors and
// Admins (connections.manage) create them. No secret is read: the query selects none.
export default async function ConnectionsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(slug);
  if (!can(actor, "connections.read")) notFound();
  const rows = await withActorTenant(actor, (tx) => listConnections(tx));
  const canManage = can(actor, "connections.manage");

  return (
    <section>
      <PageHeader title="Connections" description="This tenant's connections to outside services. Secrets are encrypted and never shown again after saving." />
      {canManage && <NewConnectionForm slug={slug} />}
      {rows.length === 0 ? (
        <EmptyState title="No connections yet">{canManage ? "Create one above." : "An Editor of this tenant can create them."}</EmptyState>
      ) : (
        <table className="w-full border-collapse rounded-lg bg-white text-left text-sm">
          <caption className="sr-only">Connections</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              {COLUMNS.map((column) => (
                <th key={column} scope="col" className="px-3 py-2">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((connection) => (
              <tr key={connection.id} className="border-b border-slate-100 align-top">
                <th scope="row" className="px-3 py-2 font-medium">
                  <Link href={`/t/${slug}/connections/${connection.id}`} className="text-blue-700 hover:underline">
                    {connection.name}
                  </Link>
                </th>
                <td className="px-3 py-2 text-slate-600">{connectorLabel(connection.connector)}</td>
                <td className="px-3 py-2">
                  <ConnectionStatusBadge status={connection.status} />
                  {connection.status === "failing" && connection.lastError ? <p className="mt-1 text-xs text-red-800">{connection.lastError}</p> : null}
                </td>
                <td className="px-3 py-2 text-slate-600">{connection.lastTestedAt ? formatDateTime(connection.lastTestedAt) : "Never"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
