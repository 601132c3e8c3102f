import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { withActorTenant } from "@/db/scopes";
import { findFlow } from "@/db/queries/flows";
import { listFlowVersions } from "@/db/queries/flow-versions";
import { PageHeader } from "@/components/ui/page-header";
import { requireActorWith } from "@/lib/actor";
import { ENVIRONMENT_LABELS, environmentField, withEnvironment } from "@/lib/flows/environments";
import { stepsDiff } from "@/lib/flows/steps-diff";
import { stepLabel } from "@/lib/flows/steps";
import { formatDateTime } from "@/lib/format";
import { isUuid } from "@/lib/ids";
import { actorCanForFlow } from "@/lib/groups/flow-access";
import { single, type SearchParams } from "@/lib/url-state/search-params";
import { RestoreVersionButton } from "./restore-version-button";
import { findTemplateUseOfFlow } from "@/db/queries/template-flows";

export const metadata: Metadata = { title: "Flow history" };

const REASONS = { saved: "Saved", restored: "Restored", deployed: "Deployed from a package", overwritten: "Overwritten by a deploy (kept)", template_updated: "Template updated" } as const;

/** A flow's versions in one environment, newest first: who and when, what changed in the steps, Restore. */
export default async function FlowHistoryPage({ params, searchParams }: { params: Promise<{ slug: string; flowId: string }>; searchParams: Promise<SearchParams> }) {
  const { slug, flowId } = await params;
  const actor = await requireActorWith(slug, "flows.read");
  if (!isUuid(flowId)) notFound();
  const environment = environmentField.read([single((await searchParams).env) ?? ""], () => []);
  const found = await withActorTenant(actor, async (tx) => {
    const flow = await findFlow(tx, flowId, { environment });
    if (!flow) return null;
    // A template-made flow is not restored to an old version: it follows its template (its customisation page resets fields).
    const restorable = (await actorCanForFlow(tx, actor, "flows.write", flow.id)) && !(await findTemplateUseOfFlow(tx, environment, flow.id));
    return { flow, canWrite: restorable, versions: await listFlowVersions(tx, environment, flow.id) };
  });
  if (!found) notFound();
  const { flow, versions, canWrite } = found;
  return (
    <section>
      <p className="mb-2 text-sm">
        <Link href={withEnvironment(`/t/${slug}/flows/${flow.id}`, environment)} className="text-blue-800 hover:underline">
          ← {flow.name}
        </Link>
      </p>
      <PageHeader title={`History of ${flow.name}`} description={ENVIRONMENT_LABELS[environment]} />
      {versions.length === 0 ? (
        <p className="text-sm text-slate-600">No versions yet: the next save makes the first one.</p>
      ) : (
        <ol aria-label="Versions" className="space-y-3">
          {versions.map((version, index) => {
            const previous = versions[index + 1];
            const diff = stepsDiff(previous?.steps ?? [], version.steps);
            return (
              <li key={version.version} className="rounded-lg border border-slate-200 bg-white p-4">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h2 className="font-semibold">
                    Version {version.version}
                    {index === 0 ? " (current)" : ""}
                  </h2>
                  {canWrite && index > 0 && <RestoreVersionButton slug={slug} flowId={flow.id} environment={environment} version={version.version} />}
                </div>
                <p className="text-sm text-slate-600">
                  {REASONS[version.reason]}
                  {version.restoredFrom ? ` (version ${version.restoredFrom})` : ""}
                  {version.reason === "template_updated"
                    ? ` (the workspace template changed) on ${formatDateTime(version.createdAt)}`
                    : version.imported
                    ? ` on ${formatDateTime(version.createdAt)} · imported by ${version.importedByEmail ?? "someone no longer known"}`
                    : ` by ${version.createdByEmail ?? "someone no longer known"} on ${formatDateTime(version.createdAt)}`}
                  {previous && previous.name !== version.name ? ` · renamed from ${previous.name} to ${version.name}` : ""}
                </p>
                <ul aria-label={`Steps of version ${version.version}`} className="mt-2 font-mono text-sm">
                  {diff.map((line, position) => (
                    <li key={position} className={line.change === "added" ? "text-green-800" : line.change === "removed" ? "text-red-700 line-through" : "text-slate-700"}>
                      {line.change === "added" ? "+ " : line.change === "removed" ? "− " : "  "}
                      {stepLabel(line.step)}
                      <span className="sr-only">{line.change === "same" ? "" : ` (${line.change})`}</span>
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
