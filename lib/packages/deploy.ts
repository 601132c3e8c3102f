// Writing a package's flows into an environment of the tenant whose scope `tx` is (issue 16): each
// flow keeps its id; a flow of that id already there is overwritten, and the state it had is first kept
// as an "overwritten" version (restorable from the flow's history); then the deployed state is the
// flow's next version. All in the caller's one transaction: any refusal (a name taken by another flow,
// the flow cap, a flow there that follows a workspace template) leaves nothing written. A deployed flow is
// always a plain flow: a package holds a template-made flow's effective steps, not its link to the template.
import "server-only";
import { appendFlowVersion } from "@/db/queries/flow-versions";
import { findFlow, insertFlow, updateFlow } from "@/db/queries/flows";
import type { PackagedFlow } from "@/db/queries/packages";
import type { Environment, Tenant } from "@/db/schema";
import type { TenantTx } from "@/db/scopes";
import { ActionError } from "@/lib/actions/core";
import { isUniqueViolation } from "@/db/errors";
import { findTemplateUseOfFlow } from "@/db/queries/template-flows";

export interface DeployOutcome {
  created: string[];
  overwritten: string[];
}

export async function deployFlows(
  tx: TenantTx,
  deploy: { environment: Environment; packageId: string; flows: PackagedFlow[]; deployedBy: string | null; tenant: Tenant },
): Promise<DeployOutcome> {
  const outcome: DeployOutcome = { created: [], overwritten: [] };
  const existing = new Map<string, NonNullable<Awaited<ReturnType<typeof findFlow>>>>();
  for (const flow of deploy.flows) {
    const found = await findFlow(tx, flow.flowId, { environment: deploy.environment, lock: "update" });
    if (!found) continue;
    // Overwriting it would be undone by its template's next change (and hide its customisation).
    const use = await findTemplateUseOfFlow(tx, deploy.environment, found.id);
    if (use) throw new ActionError("CONFLICT", `The flow ${found.name} there follows the workspace template ${use.templateName}: stop using the template there first.`);
    existing.set(flow.flowId, found);
  }
  // The tenant row is locked (lockTenant), so the count cannot change before commit.
  const newFlows = deploy.flows.length - existing.size;
  if (deploy.tenant.flowCount + newFlows > deploy.tenant.flowCap) {
    throw new ActionError("CONFLICT", `This deploy would add ${newFlows} flows past the target tenant's flow cap (${deploy.tenant.flowCount} of ${deploy.tenant.flowCap} flows).`);
  }
  for (const flow of deploy.flows) {
    const version = { environment: deploy.environment, flowId: flow.flowId, packageId: deploy.packageId, createdBy: deploy.deployedBy };
    const before = existing.get(flow.flowId);
    await nameFreeOrRefuse(flow.name, async () => {
      if (before) {
        await appendFlowVersion(tx, { ...version, name: before.name, steps: before.steps, reason: "overwritten" });
        await updateFlow(tx, flow.flowId, { name: flow.name, steps: flow.steps }, { environment: deploy.environment });
        outcome.overwritten.push(flow.flowId);
      } else {
        await insertFlow(tx, { id: flow.flowId, environment: deploy.environment, name: flow.name, steps: flow.steps, createdBy: deploy.deployedBy });
        outcome.created.push(flow.flowId);
      }
    });
    await appendFlowVersion(tx, { ...version, name: flow.name, steps: flow.steps, reason: "deployed" });
  }
  return outcome;
}

/** A different flow of the target environment holding a packaged flow's name refuses the whole deploy. */
async function nameFreeOrRefuse(name: string, write: () => Promise<void>) {
  try {
    await write();
  } catch (error) {
    if (!isUniqueViolation(error, "flows_tenant_name")) throw error;
    throw new ActionError("CONFLICT", `Another flow named ${name} already exists in the target environment: rename or delete it there first.`);
  }
}
