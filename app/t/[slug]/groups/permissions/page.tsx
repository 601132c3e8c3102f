import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/actor";
import { PERMISSION_CATALOG, PERMISSIONS } from "@/lib/permission-catalog";
import { can, permissionsOfRole, ROLE_LABELS } from "@/lib/permissions";

export const metadata: Metadata = { title: "Permissions" };

/** The permission catalog: what each permission allows, and which built-in groups carry it. */
export default async function PermissionsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(slug);
  if (!can(actor, "members.read")) notFound();
  return (
    <section>
      <p className="mb-2 text-sm">
        <Link href={`/t/${slug}/groups`} className="text-blue-800 hover:underline">
          ← Groups
        </Link>
      </p>
      <PageHeader title="Permissions" description="Every permission a group can carry." />
      <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="px-4 py-2">Permission</th>
            <th scope="col" className="px-4 py-2">What it allows</th>
            <th scope="col" className="px-4 py-2">Built-in groups</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {PERMISSIONS.map((permission) => (
            <tr key={permission}>
              <th scope="row" className="px-4 py-2 font-medium">
                {PERMISSION_CATALOG[permission].label} <code className="block text-xs font-normal text-slate-500">{permission}</code>
              </th>
              <td className="px-4 py-2">{PERMISSION_CATALOG[permission].description}</td>
              <td className="px-4 py-2">{MEMBER_ROLES.filter((role) => permissionsOfRole(role).includes(permission)).map((role) => ROLE_LABELS[role]).join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
