import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { withActorTenant } from "@/db/scopes";
import { listApiKeys } from "@/db/queries/api-keys";
import { EmptyState } from "@/components/ui/empty-state";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/actor";
import { formatDateTime } from "@/lib/format";
import { can, ROLE_LABELS } from "@/lib/permissions";
import { CreateApiKeyForm } from "./create-api-key-form";
import { RevokeApiKeyButton } from "./revoke-api-key-button";

export const metadata: Metadata = { title: "API keys" };

function statusOf(key: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): "Active" | "Revoked" | "Expired" {
  if (key.revokedAt) return "Revoked";
  return key.expiresAt && key.expiresAt <= now ? "Expired" : "Active";
}

// Admins only (api_keys.manage): anyone else gets the same 404 as a page that does not exist.
export default async function ApiKeysPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(slug);
  if (!can(actor, "api_keys.manage")) notFound();
  const keys = await withActorTenant(actor, (tx) => listApiKeys(tx));
  const now = new Date();

  return (
    <section>
      <PageHeader
        title="API keys"
        description="Keys for this tenant's API (Authorization: Bearer <key>). Each key acts with its role; it is shown once, when it is created."
      />
      <p className="mb-4 text-sm">
        <Link className="text-blue-700 underline" href="/api-docs">
          REST API documentation
        </Link>
      </p>
      <CreateApiKeyForm slug={slug} />
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet">Create one above.</EmptyState>
      ) : (
        <table className="w-full border-collapse rounded-lg bg-white text-left text-sm">
          <caption className="sr-only">API keys</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Role</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2">Created</th>
              <th scope="col" className="px-3 py-2">Expires</th>
              <th scope="col" className="px-3 py-2">Last used</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => {
              const status = statusOf(key, now);
              return (
                <tr key={key.id} className="border-b border-slate-100 align-top">
                  <th scope="row" className="px-3 py-2 font-medium">{key.name}</th>
                  <td className="px-3 py-2">{ROLE_LABELS[key.role]}</td>
                  <td className="px-3 py-2">{status}</td>
                  <td className="px-3 py-2 text-slate-600">{`${formatDateTime(key.createdAt)}${key.createdByEmail ? ` by ${key.createdByEmail}` : ""}`}</td>
                  <td className="px-3 py-2 text-slate-600">{key.expiresAt ? formatDateTime(key.expiresAt) : "Never"}</td>
                  <td className="px-3 py-2 text-slate-600" data-testid="api-key-last-used">
                    {key.lastUsedAt ? `${formatDateTime(key.lastUsedAt)}${key.lastUsedIp ? ` from ${key.lastUsedIp}` : ""}` : "Never used"}
                  </td>
                  <td className="px-3 py-2">
                    {status === "Revoked" ? null : <RevokeApiKeyButton slug={slug} apiKeyId={key.id} name={key.name} />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
