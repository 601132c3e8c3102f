import type { Metadata } from "next";
import { withActorTenant } from "@/db/scopes";
import { flowCapacityOf, lastRunsOf, listFlows } from "@/db/queries/flows";
import { Pagination } from "@/components/data-table/pagination";
import { SearchInput } from "@/components/data-table/search-input";
import { TableUrlState } from "@/components/data-table/table-url-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActorWith } from "@/lib/actor";
import { describeSteps } from "@/lib/flows/steps";
import { formatDateTime } from "@/lib/format";
import { can } from "@/lib/permissions";
import { flowsActorMay } from "@/lib/groups/flow-access";
import { flowsUrlState } from "@/lib/url-state/flows";
import { single, type SearchParams } from "@/lib/url-state/search-params";
import { environmentField } from "@/lib/flows/environments";
import { EnvironmentSwitcher } from "./environment-switcher";
import { CreateFlowForm } from "./create-flow-form";
import { listCredentials } from "@/db/queries/credentials";
import { listConnections } from "@/db/queries/connections";
import { FlowsTable } from "./flows-table";
import { listFlowTemplates, listFlowTemplateUses } from "@/db/queries/flow-templates";
import { readTogether } from "@/db/read-together";
import { FlowTemplatesSection } from "./templates/flow-templates-section";

export const metadata: Metadata = { title: "Flows" };

export default async function FlowsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const { slug } = await params;
  const actor = await requireActorWith(slug, "flows.read");
  const query = await searchParams;
  const state = flowsUrlState.parse(query);
  const environment = environmentField.read([single(query.env) ?? ""], () => []);
  // Creating a flow names no flow: only a tenant-wide Edit flows shows the form (a narrowed group's
  // members edit their flows on each flow's page).
  const canWrite = can(actor, "flows.write");
  // The credentials a new flow's steps may use (names only), for those who create flows and may use them.
  const usable = canWrite && can(actor, "credentials.use");
  // The connections a step may use (id and name), for those who create flows and may see connections.
  const seesConnections = canWrite && can(actor, "connections.read");
  const { list, capacity, lastRuns, credentialNames, runnable, templates, templateUses, connections } = await withActorTenant(actor, async (tx) => {
    const page = await readTogether(tx, {
      list: (inTenant) => listFlows(inTenant, { environment, search: state.q, sort: state.sort, dir: state.dir, page: state.page, size: state.size }),
      capacity: flowCapacityOf,
      credentialNames: async (inTenant) => (usable ? (await listCredentials(inTenant)).map((credential) => credential.name) : []),
      // Workspace templates (read-only here).
      templates: listFlowTemplates,
      connections: async (inTenant) => (seesConnections ? (await listConnections(inTenant)).map(({ id, name }) => ({ id, name })) : []),
    });
    const flowIds = page.list.rows.map((flow) => flow.id);
    // After the list, which brought template-made flows up to date: their names as they now are.
    const after = await readTogether(tx, {
      templateUses: listFlowTemplateUses,
      lastRuns: (inTenant) => lastRunsOf(inTenant, flowIds, { environment }),
      // A member of a group narrowed to particular flows runs only those (no statement otherwise).
      runnable: (inTenant) => flowsActorMay(inTenant, actor, "flows.run", flowIds),
    });
    return { ...page, ...after };
  });
  const connectionNames = new Map(connections.map((connection) => [connection.id, connection.name]));
  const flowCount = capacity?.flowCount ?? 0;
  const flowCap = capacity?.flowCap ?? 0;
  const rows = list.rows.map((flow) => {
    const lastRun = lastRuns.get(flow.id);
    return {
      id: flow.id,
      name: flow.name,
      steps: describeSteps(flow.steps, connectionNames),
      lastRun: lastRun ? { status: lastRun.status, when: formatDateTime(lastRun.startedAt) } : null,
      updated: formatDateTime(flow.updatedAt),
      canRun: runnable.has(flow.id),
      template: flow.templateUseId && flow.templateName ? { useId: flow.templateUseId, name: flow.templateName } : null,
    };
  });

  return (
    <TableUrlState table="flows">
      <section>
        <PageHeader title="Flows" description={<span data-testid="flow-usage">{`${flowCount} of ${flowCap} flows`}</span>} />
        <EnvironmentSwitcher slug={slug} current={environment} />
        {canWrite && flowCount >= flowCap && (
          <p role="note" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            This tenant has reached its flow cap. Existing flows keep working; to add one, delete a flow or ask a superadmin to raise the cap.
          </p>
        )}
        {canWrite && <CreateFlowForm slug={slug} credentialNames={credentialNames} connections={connections} environment={environment} />}
        <div className="mb-3">
          <SearchInput label="Search" param="q" placeholder="Flow name" />
        </div>
        <FlowsTable slug={slug} environment={environment} rows={rows} searching={Boolean(state.q)} />
        <Pagination page={state.page} pageSize={state.size} total={list.total} />
        <FlowTemplatesSection slug={slug} templates={templates} uses={templateUses} canWrite={canWrite} environment={environment} />
      </section>
    </TableUrlState>
  );
}
