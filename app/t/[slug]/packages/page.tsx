import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { withActorTenant } from "@/db/scopes";
import { listFlows } from "@/db/queries/flows";
import { listPackages } from "@/db/queries/packages";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/actor";
import { ENVIRONMENT_LABELS, environmentField } from "@/lib/flows/environments";
import { formatDateTime } from "@/lib/format";
import { can } from "@/lib/permissions";
import { single, type SearchParams } from "@/lib/url-state/search-params";
import { EnvironmentSwitcher } from "../flows/environment-switcher";
import { CreatePackageForm } from "./create-package-form";
import { DeletePackageButton } from "./delete-package-button";
import { DeployPackageButton } from "./deploy-package-button";

export const metadata: Metadata = { title: "Packages" };

/** How many flows of an environment the new-package form offers (the flows page lists them all). */
const CHOOSABLE_FLOWS = 100;

// Admins only (packages.manage): anyone else gets the same 404 as a page that does not exist. The
// environment in the URL is where a new package's flows come from.
export default async function PackagesPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const { slug } = await params;
  const actor = await requireActor(slug);
  if (!can(actor, "packages.manage")) notFound();
  const environment = environmentField.read([single((await searchParams).env) ?? ""], () => []);
  const { flows, packages } = await withActorTenant(actor, async (tx) => ({
    flows: (await listFlows(tx, { environment, sort: "name", dir: "asc", page: 1, size: CHOOSABLE_FLOWS })).rows,
    packages: await listPackages(tx),
  }));

  return (
    <section>
      <PageHeader
        title="Packages"
        description="A package is a snapshot of chosen flows. Deploying it into an environment, here or in another tenant where you are Admin, keeps the flows' ids and overwrites flows with the same ids there; what it overwrote stays in each flow's history."
      />
      <EnvironmentSwitcher slug={slug} current={environment} path="/packages" />
      <CreatePackageForm slug={slug} environment={environment} flows={flows.map(({ id, name }) => ({ id, name }))} />
      {packages.length === 0 ? (
        <EmptyState title="No packages yet">Choose flows above and create one.</EmptyState>
      ) : (
        <table className="w-full border-collapse rounded-lg bg-white text-left text-sm">
          <caption className="sr-only">Packages</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">From</th>
              <th scope="col" className="px-3 py-2">Flows</th>
              <th scope="col" className="px-3 py-2">Created</th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Deploy or delete</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {packages.map((pkg) => (
              <tr key={pkg.id} className="border-b border-slate-100">
                <td className="px-3 py-2 font-medium">{pkg.name}</td>
                <td className="px-3 py-2">{ENVIRONMENT_LABELS[pkg.environment]}</td>
                <td className="px-3 py-2">{pkg.flowCount}</td>
                <td className="px-3 py-2 text-slate-600">
                  {formatDateTime(pkg.createdAt)} by {pkg.createdByEmail ?? "someone no longer known"}
                </td>
                <td className="px-3 py-2">
                  <div className="flex flex-wrap gap-2">
                    <DeployPackageButton slug={slug} packageId={pkg.id} name={pkg.name} />
                    <DeletePackageButton slug={slug} packageId={pkg.id} name={pkg.name} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
