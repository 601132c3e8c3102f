import type { Metadata } from "next";
import { listIntegrations } from "@/db/queries/integrations";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format";
import { LICENSES, toLicenseKey } from "@/lib/licenses";
import { ROLE_LABELS } from "@/lib/permissions";
import { withPlatformPage } from "@/lib/platform-page";
import { CreateIntegrationForm } from "./create-integration-form";
import { RevokeIntegrationButton } from "./revoke-integration-button";

export const metadata: Metadata = { title: "Integrations" };

// Superadmins only (withPlatformPage answers 404 to anyone else). Few rows: no paging or URL state.
export default async function IntegrationsPage() {
  const rows = await withPlatformPage((tx) => listIntegrations(tx));
  return (
    <section>
      <PageHeader
        title="Integrations"
        description="A customer's backend calls the API with a signed token (JWT) naming an external tenant id, the tenant's name and the caller's email: the first call creates the tenant, later calls act in it. See the README, Tenants from a signed token."
      />
      <CreateIntegrationForm />
      {rows.length === 0 ? (
        <EmptyState title="No integrations yet">Create one above.</EmptyState>
      ) : (
        <table className="w-full border-collapse rounded-lg bg-white text-left text-sm">
          <caption className="sr-only">Integrations</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Id (kid)</th>
              <th scope="col" className="px-3 py-2">Algorithm</th>
              <th scope="col" className="px-3 py-2">Default license</th>
              <th scope="col" className="px-3 py-2">Default role</th>
              <th scope="col" className="px-3 py-2">Tenants</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2">Created</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 align-top">
                <th scope="row" className="px-3 py-2 font-medium">{row.name}</th>
                <td className="px-3 py-2 font-mono text-xs">{row.id}</td>
                <td className="px-3 py-2">{row.algorithm}</td>
                <td className="px-3 py-2">{LICENSES[toLicenseKey(row.defaultLicense)].label}</td>
                <td className="px-3 py-2">{ROLE_LABELS[row.defaultRole]}</td>
                <td className="px-3 py-2">{row.tenantCount}</td>
                <td className="px-3 py-2">{row.revokedAt ? `Revoked ${formatDateTime(row.revokedAt)}` : "Active"}</td>
                <td className="px-3 py-2 text-slate-600">{`${formatDateTime(row.createdAt)}${row.createdByEmail ? ` by ${row.createdByEmail}` : ""}`}</td>
                <td className="px-3 py-2">{row.revokedAt ? null : <RevokeIntegrationButton integrationId={row.id} name={row.name} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
