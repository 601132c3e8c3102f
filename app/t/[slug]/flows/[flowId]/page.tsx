import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { withActorTenant } from "@/db/scopes";
import { findFlow, listRunsOfFlow } from "@/db/queries/flows";
import { single, type SearchParams } from "@/lib/url-state/search-params";
import { PageHeader } from "@/components/ui/page-header";
import { requireActorWith } from "@/lib/actor";
import { stepLabel } from "@/lib/flows/steps";
import { listConnections } from "@/db/queries/connections";
import { isUuid } from "@/lib/ids";
import { ENVIRONMENT_LABELS, environmentField, withEnvironment } from "@/lib/flows/environments";
import { actorCanForFlow } from "@/lib/groups/flow-access";
import { RunFlowButton } from "../run-flow-button";
import { DeleteFlowButton } from "./delete-flow-button";
import { RenameFlowForm } from "./rename-flow-form";
import { findTemplateUseOfFlow } from "@/db/queries/template-flows";
import { FromTemplateMark } from "../templates/from-template-mark";
import { decodeRunCursor, encodeRunCursor } from "./run-cursor";
import { RunsList } from "./runs-list";

export const metadata: Metadata = { title: "Flow" };

const RUNS_PER_PAGE = 20;

export default async function FlowPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; flowId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { slug, flowId } = await params;
  const actor = await requireActorWith(slug, "flows.read");
  // A malformed id, or one of another tenant, is not found (never a database error).
  if (!isUuid(flowId)) notFound();
  const query = await searchParams;
  const after = decodeRunCursor(single(query.after));
  const environment = environmentField.read([single(query.env) ?? ""], () => []);
  const found = await withActorTenant(actor, async (tx) => {
    const flow = await findFlow(tx, flowId, { environment });
    if (!flow) return null;
    // For this flow: a member of a group narrowed to other flows sees it, without its controls.
    const [canWrite, canRun] = [await actorCanForFlow(tx, actor, "flows.write", flow.id), await actorCanForFlow(tx, actor, "flows.run", flow.id)];
    // The names of the connections its steps use (a step names a connection by id).
    const connectionNames = new Map((await listConnections(tx)).map((connection) => [connection.id, connection.name]));
    // A flow made from a workspace template is changed on its customisation page, not renamed here.
    const template = await findTemplateUseOfFlow(tx, environment, flow.id);
    return { flow, canWrite, canRun, connectionNames, template, page: await listRunsOfFlow(tx, flow.id, { after, limit: RUNS_PER_PAGE, environment }) };
  });
  if (!found) notFound();
  const { flow, page, canWrite, canRun, connectionNames, template } = found;
  const base = withEnvironment(`/t/${slug}/flows/${flow.id}`, environment);

  return (
    <section>
      <p className="mb-2 text-sm">
        <Link href={withEnvironment(`/t/${slug}/flows`, environment)} className="text-blue-800 hover:underline">
          ← Flows ({ENVIRONMENT_LABELS[environment]})
        </Link>
        {" · "}
        <Link href={withEnvironment(`/t/${slug}/flows/${flow.id}/history`, environment)} className="text-blue-800 hover:underline">
          History
        </Link>
      </p>
      <PageHeader title={flow.name} description={template ? <FromTemplateMark slug={slug} useId={template.useId} templateName={template.templateName} /> : undefined}>
        {canRun && <RunFlowButton slug={slug} flowId={flow.id} environment={environment} />}
        {canWrite && <DeleteFlowButton slug={slug} flowId={flow.id} name={flow.name} environment={environment} />}
      </PageHeader>
      <section aria-labelledby="steps-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="steps-heading" className="text-lg font-semibold">
          Steps
        </h2>
        <ol className="mt-2 list-decimal pl-5 text-sm">
          {flow.steps.map((step, index) => (
            <li key={index}>{stepLabel(step, connectionNames)}</li>
          ))}
        </ol>
        {canWrite && !template && (
          <div className="mt-6 border-t border-slate-100 pt-4">
            <RenameFlowForm slug={slug} flowId={flow.id} name={flow.name} environment={environment} />
          </div>
        )}
      </section>
      <RunsList
        runs={page.runs}
        olderHref={page.next ? `${base}${base.includes("?") ? "&" : "?"}after=${encodeRunCursor(page.next)}` : null}
        newestHref={after ? base : null}
      />
    </section>
  );
}
