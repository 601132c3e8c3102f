import type { Metadata } from "next";
import { withActorTenant } from "@/db/scopes";
import { listCredentials } from "@/db/queries/credentials";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActorWith } from "@/lib/actor";
import { formatDateTime } from "@/lib/format";
import { can } from "@/lib/permissions";
import { AddCredentialForm } from "./add-credential-form";
import { DeleteCredentialButton } from "./delete-credential-button";
import { ReplaceValueDialog } from "./replace-value-dialog";

export const metadata: Metadata = { title: "Credentials" };

// Every member sees that the tenant's credentials exist; Editors and Admins (who may use them in
// flows) also see each value's last 4 characters; Admins add, replace and delete. No value is ever
// read back: the query selects none.
export default async function CredentialsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActorWith(slug, "credentials.read");
  const rows = await withActorTenant(actor, (tx) => listCredentials(tx));
  const canManage = can(actor, "credentials.manage");
  const showsTail = can(actor, "credentials.use");

  return (
    <section>
      <PageHeader title="Credentials" description="Named secrets of this tenant. Values are encrypted and never shown again after saving." />
      {canManage && <AddCredentialForm slug={slug} />}
      {rows.length === 0 ? (
        <EmptyState title="No credentials yet">{canManage ? "Add one above." : "An Admin of this tenant can add them."}</EmptyState>
      ) : (
        <table className="w-full border-collapse rounded-lg bg-white text-left text-sm">
          <caption className="sr-only">Credentials</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Description</th>
              <th scope="col" className="px-3 py-2">Value</th>
              <th scope="col" className="px-3 py-2">Changed</th>
              {canManage && <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((credential) => (
              <tr key={credential.id} className="border-b border-slate-100 align-top">
                <th scope="row" className="px-3 py-2 font-medium">{credential.name}</th>
                <td className="px-3 py-2 text-slate-600">{credential.description ?? ""}</td>
                <td className="px-3 py-2 font-mono" data-testid="credential-value">
                  {showsTail && credential.valueLast4 ? `•••• ${credential.valueLast4}` : "••••"}
                </td>
                <td className="px-3 py-2 text-slate-600">
                  {`${credential.updatedByEmail ?? "Someone"}, ${formatDateTime(credential.updatedAt)}`}
                </td>
                {canManage && (
                  <td className="px-3 py-2">
                    <div className="flex flex-wrap gap-2">
                      <ReplaceValueDialog slug={slug} credentialId={credential.id} name={credential.name} />
                      <DeleteCredentialButton slug={slug} credentialId={credential.id} name={credential.name} />
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
