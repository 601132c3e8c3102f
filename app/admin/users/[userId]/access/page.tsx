import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { reviewUserAcrossTenants } from "@/lib/access-review/user-across-tenants";
import { isUuid } from "@/lib/ids";
import { withPlatformPage } from "@/lib/platform-page";
import { narrowedLabel } from "@/lib/access-review/member-access";

export const metadata: Metadata = { title: "User access" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const shown = (date: Date | null) => (date ? `${dateFormat.format(date)} UTC` : "Never");
const STATUS_LABELS = { active: "Active", invited: "Invited", suspended: "Suspended" } as const;

/** One user's access in every tenant they belong to. Each tenant read is recorded in that tenant's log. */
export default async function UserAccessPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  if (!isUuid(userId)) notFound();
  const path = `/admin/users/${userId}/access`;
  const review = await withPlatformPage((tx, _superadmin, platform) => reviewUserAcrossTenants(tx, platform, userId, path));
  if (!review) notFound();
  const { account, tenants } = review;

  return (
    <section>
      <PageHeader title={`Access of ${account.email}`} description="Every tenant this user belongs to, with their groups, effective permissions and last activity there. Times are UTC." />
      <p className="mb-4 text-sm">
        <Link href="/admin/users" className="text-blue-700 hover:underline">
          Back to users
        </Link>
      </p>
      <dl aria-label="Account" className="mb-6 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="font-medium">Name</dt>
        <dd>{account.name ?? "No name"}</dd>
        <dt className="font-medium">Two-factor</dt>
        <dd>{account.twoFactor ? "On" : "Off"}</dd>
        <dt className="font-medium">Last sign-in</dt>
        <dd>{shown(account.lastSignInAt)}</dd>
        <dt className="font-medium">Superadmin</dt>
        <dd>{account.isSuperadmin ? "Yes" : "No"}</dd>
      </dl>
      {tenants.length === 0 ? (
        <EmptyState title="Not a member of any tenant" />
      ) : (
        <table className="w-full text-left text-sm" aria-label="Tenants">
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-2 pr-4">Tenant</th>
              <th scope="col" className="py-2 pr-4">Status</th>
              <th scope="col" className="py-2 pr-4">Groups</th>
              <th scope="col" className="py-2 pr-4">Effective permissions</th>
              <th scope="col" className="py-2 pr-4">Last activity</th>
            </tr>
          </thead>
          <tbody>
            {tenants.map((row) => (
              <tr key={row.tenant.id} className="border-b border-slate-100 align-top">
                <th scope="row" className="py-2 pr-4 font-medium">
                  {row.tenant.name} <span className="text-slate-500">({row.tenant.slug})</span>
                </th>
                <td className="py-2 pr-4">{STATUS_LABELS[row.status]}</td>
                <td className="py-2 pr-4">{row.groups}</td>
                <td className="py-2 pr-4">
                  <ul className="flex flex-wrap gap-1" aria-label={`Permissions in ${row.tenant.name}`}>
                    {row.permissions.map((permission) => (
                      <li key={permission}>
                        <Badge>{permission}</Badge>
                      </li>
                    ))}
                    {/* Held only for particular flows (a group narrowed to "Only these flows"). */}
                    {row.narrowed.map((scope) => (
                      <li key={scope.permission}>
                        <Badge tone="amber">{narrowedLabel(scope)}</Badge> <span className="text-xs text-slate-600">{scope.flows.join(", ")}</span>
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="py-2 pr-4">{shown(row.lastActivityAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
