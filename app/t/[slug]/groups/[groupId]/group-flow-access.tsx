// A group's "Flow access" section: whether its flow permissions hold for all flows or only the listed
// ones, the list, and (for members.manage) a bounded search of the tenant's flows to add from: the
// tenant may have thousands, so the page never carries more than one page of each.
import { FLOW_SCOPE_LABELS } from "@/lib/groups/flow-scope-labels";
import { FlowScopeForm, GroupFlowButton } from "./flow-access-controls";

interface FlowRow {
  id: string;
  name: string;
}

export interface GroupFlowAccess {
  scoped: boolean;
  flows: FlowRow[];
  total: number;
  /** The search's matches not on the list yet (members.manage only). */
  candidates: FlowRow[];
  search: string;
}

export function GroupFlowAccessSection({ slug, groupId, groupName, access, canManage }: { slug: string; groupId: string; groupName: string; access: GroupFlowAccess; canManage: boolean }) {
  const shown = access.flows.length < access.total ? ` (the first ${access.flows.length} of ${access.total})` : "";
  return (
    <section aria-labelledby="flow-access-heading" className="mb-8 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="flow-access-heading" className="text-lg font-semibold">
        Flow access
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        With Only these flows, this group&apos;s Edit flows and Run flows hold for the listed flows only, in every environment. Its members still see every flow.
      </p>
      {canManage ? (
        <FlowScopeForm slug={slug} groupId={groupId} scope={access.scoped ? "selected" : "all"} />
      ) : (
        <p className="text-sm">{FLOW_SCOPE_LABELS[access.scoped ? "selected" : "all"]}</p>
      )}
      {access.scoped && (
        <>
          <h3 className="mt-4 text-sm font-semibold">Flows of {groupName}{shown}</h3>
          {access.flows.length === 0 ? (
            <p className="text-sm text-slate-600">No flows yet: its members may edit and run none.</p>
          ) : (
            <ul aria-label={`Flows of ${groupName}`} className="mt-1 divide-y divide-slate-200">
              {access.flows.map((flow) => (
                <li key={flow.id} className="flex items-center gap-4 py-1 text-sm">
                  <span>{flow.name}</span>
                  {canManage && (
                    <span className="ml-auto">
                      <GroupFlowButton slug={slug} groupId={groupId} flowId={flow.id} flowName={flow.name} change="remove" />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {canManage && <FlowSearch slug={slug} groupId={groupId} access={access} />}
        </>
      )}
    </section>
  );
}

function FlowSearch({ slug, groupId, access }: { slug: string; groupId: string; access: GroupFlowAccess }) {
  return (
    <div className="mt-4">
      <form method="get" className="flex flex-wrap items-end gap-3">
        <label className="text-sm font-medium">
          Find flows
          <input name="flowSearch" type="search" defaultValue={access.search} placeholder="Flow name" className="mt-1 block rounded-md border border-slate-300 px-2 py-2 text-sm font-normal" />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100">
          Search flows
        </button>
      </form>
      {access.candidates.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{access.search ? "No other flow matches." : "Every flow is on the list."}</p>
      ) : (
        <ul aria-label="Flows to add" className="mt-2 divide-y divide-slate-200">
          {access.candidates.map((flow) => (
            <li key={flow.id} className="flex items-center gap-4 py-1 text-sm">
              <span>{flow.name}</span>
              <span className="ml-auto">
                <GroupFlowButton slug={slug} groupId={groupId} flowId={flow.id} flowName={flow.name} change="add" />
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
