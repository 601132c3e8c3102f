"use server";

// Flows: create, rename, change steps, restore a version, delete (Editors and Admins: flows.write) and
// run (flows.run). The tenant is the URL's; a flow id from another tenant, or a malformed one, is simply
// not found. Every action on one flow names it (flowId): its permission is checked for that flow, so a
// member whose group was narrowed to other flows is refused (FORBIDDEN, whether or not the id exists);
// creating a flow needs the permission for the whole tenant. Each action names its environment (Production when the form sends none), and every save
// (create, rename, steps, restore) appends the flow's next immutable version in the same transaction.
import { z } from "zod";
import type { TenantTx } from "@/db/scopes";
import type { Environment } from "@/db/schema";
import {
  deleteFlow as deleteFlowRow,
  findFlow,
  flowCapacityOf,
  insertFlow,
  insertFlowRun,
  updateFlow,
} from "@/db/queries/flows";
import { appendFlowVersion, findFlowVersion } from "@/db/queries/flow-versions";
import { tenantAction } from "@/lib/actions/tenant-action";
import { actingUserId } from "@/lib/caller";
import { withUniqueFlowName } from "@/lib/flows/unique-flow-name";
import { requireRoomForFlow } from "@/lib/flows/flow-cap";
import { findTemplateUseOfFlow } from "@/db/queries/template-flows";
import { requireRow } from "@/lib/actions/require-row";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { executeFlow } from "@/lib/flows/execute";
import { countFlowRun } from "@/lib/usage/flow-run-quota";
import { resolveCredentials } from "@/lib/credentials/resolve-credentials";
import { requireOwnConnections, resolveConnections } from "@/lib/connections/flow-steps";
import { FlowIdInput, FlowNameInput, FlowStepsInput, FlowVersionInput } from "@/lib/flows/flow-input";
import { ENVIRONMENT_LABELS, EnvironmentInput, environmentOf } from "@/lib/flows/environments";

const requireFlow = (tx: TenantTx, environment: Environment, flowId: string, lock?: "share" | "update") =>
  requireRow(flowId, (id) => findFlow(tx, id, { environment, lock }));

/** "the flow X (Development)": how entries name a flow outside Production. */
const flowLabel = (name: string, environment: Environment) => (environment === "production" ? `the flow ${name}` : `the flow ${name} (${ENVIRONMENT_LABELS[environment]})`);

/**
 * A flow made from a workspace template follows its template: its name and steps change on its
 * customisation page (which keeps the inherited/customised split), not here, or the next template
 * change would silently undo the edit. Running, deleting and packaging it work as for any flow.
 */
async function refuseTemplateMadeFlow(tx: TenantTx, flow: { id: string; environment: Environment }) {
  const use = await findTemplateUseOfFlow(tx, flow.environment, flow.id);
  if (use) {
    throw new ActionError(
      "CONFLICT",
      `This flow follows the workspace template ${use.templateName}: change it on its template page (Customise), or stop using the template first.`,
    );
  }
}

export const createFlow = tenantAction({
  name: "flow.create",
  permission: "flows.write",
  // The tenant row stays locked until commit, so parallel creates count one after another (every
  // flow insert updates this row through the counter trigger).
  lockTenant: true,
  input: z.object({ environment: EnvironmentInput, name: FlowNameInput, steps: FlowStepsInput }),
  async run({ tx, actor, input, tenant: capacity }) {
    requireRoomForFlow(capacity);
    await requireOwnConnections(tx, input.steps);
    const flow = await withUniqueFlowName(() =>
      insertFlow(tx, { environment: environmentOf(input), name: input.name, steps: input.steps, createdBy: actingUserId(actor) }),
    );
    await appendFlowVersion(tx, { environment: flow.environment, flowId: flow.id, name: flow.name, steps: flow.steps, reason: "saved", createdBy: actingUserId(actor) });
    return {
      data: { id: flow.id, name: flow.name },
      activity: {
        action: "flow.created",
        targetType: "flow",
        targetId: flow.id,
        summary: `${actor.user.email} created ${flowLabel(flow.name, flow.environment)}`,
        details: { name: flow.name, steps: flow.steps, environment: flow.environment },
      },
    };
  },
});

export const renameFlow = tenantAction({
  name: "flow.rename",
  permission: "flows.write",
  input: z.object({ environment: EnvironmentInput, flowId: FlowIdInput, name: FlowNameInput }),
  flowId: (input) => input.flowId,
  async run({ tx, actor, input }) {
    const flow = await requireFlow(tx, environmentOf(input), input.flowId, "update");
    const renamed = await saveFlow(tx, actor, flow, { name: input.name });
    return {
      // The REST API answers with this (id and name only; the version is in the flow's history).
      data: { id: renamed.id, name: renamed.name },
      activity: {
        action: "flow.renamed",
        targetType: "flow",
        targetId: flow.id,
        summary: `${actor.user.email} renamed ${flowLabel(flow.name, flow.environment)} to ${renamed.name}`,
        details: { from: flow.name, to: renamed.name, environment: flow.environment, version: renamed.version },
      },
    };
  },
});

type FoundFlow = NonNullable<Awaited<ReturnType<typeof findFlow>>>;

/** Writes a change to a locked flow and appends the version it makes. */
async function saveFlow(
  tx: TenantTx,
  actor: Parameters<typeof actingUserId>[0],
  flow: FoundFlow,
  change: { name?: string; steps?: string[] },
  reason: { reason: "saved" } | { reason: "restored"; restoredFrom: number } = { reason: "saved" },
) {
  await refuseTemplateMadeFlow(tx, flow);
  const saved = await withUniqueFlowName(() => updateFlow(tx, flow.id, change, { environment: flow.environment }));
  if (!saved) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
  const { version } = await appendFlowVersion(tx, { environment: saved.environment, flowId: saved.id, name: saved.name, steps: saved.steps, createdBy: actingUserId(actor), ...reason });
  return { ...saved, version };
}

export const saveFlowSteps = tenantAction({
  name: "flow.save_steps",
  permission: "flows.write",
  input: z.object({ environment: EnvironmentInput, flowId: FlowIdInput, steps: FlowStepsInput }),
  flowId: (input) => input.flowId,
  async run({ tx, actor, input }) {
    const flow = await requireFlow(tx, environmentOf(input), input.flowId, "update");
    await requireOwnConnections(tx, input.steps);
    const saved = await saveFlow(tx, actor, flow, { steps: input.steps });
    return {
      data: { id: saved.id, version: saved.version },
      activity: {
        action: "flow.steps_saved",
        targetType: "flow",
        targetId: flow.id,
        summary: `${actor.user.email} changed the steps of ${flowLabel(flow.name, flow.environment)} (version ${saved.version})`,
        details: { from: flow.steps, to: saved.steps, environment: flow.environment, version: saved.version },
      },
    };
  },
});

/** Restore: a new version equal to an older one (history is never rewritten). */
export const restoreFlowVersion = tenantAction({
  name: "flow.restore",
  permission: "flows.write",
  input: z.object({ environment: EnvironmentInput, flowId: FlowIdInput, version: FlowVersionInput }),
  flowId: (input) => input.flowId,
  async run({ tx, actor, input }) {
    const flow = await requireFlow(tx, environmentOf(input), input.flowId, "update");
    const old = await findFlowVersion(tx, flow.environment, flow.id, input.version);
    if (!old) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    const saved = await saveFlow(tx, actor, flow, { name: old.name, steps: old.steps }, { reason: "restored", restoredFrom: old.version });
    return {
      data: { id: saved.id, version: saved.version },
      message: `Restored version ${old.version} as version ${saved.version}.`,
      activity: {
        action: "flow.restored",
        targetType: "flow",
        targetId: flow.id,
        summary: `${actor.user.email} restored version ${old.version} of ${flowLabel(saved.name, flow.environment)} as version ${saved.version}`,
        details: { restoredFrom: old.version, version: saved.version, environment: flow.environment },
      },
    };
  },
});

export const deleteFlow = tenantAction({
  name: "flow.delete",
  permission: "flows.write",
  input: z.object({ environment: EnvironmentInput, flowId: FlowIdInput }),
  flowId: (input) => input.flowId,
  async run({ tx, actor, input }) {
    const flow = await requireFlow(tx, environmentOf(input), input.flowId);
    await deleteFlowRow(tx, flow.id, { environment: flow.environment });
    return {
      data: { id: flow.id },
      activity: {
        action: "flow.deleted",
        targetType: "flow",
        targetId: flow.id,
        summary: `${actor.user.email} deleted ${flowLabel(flow.name, flow.environment)}`,
        details: { name: flow.name, steps: flow.steps, environment: flow.environment },
      },
    };
  },
});

export const runFlow = tenantAction({
  name: "flow.run",
  permission: "flows.run",
  input: z.object({ environment: EnvironmentInput, flowId: FlowIdInput }),
  flowId: (input) => input.flowId,
  async run({ tx, actor, input }) {
    // Shared lock: the flow cannot be deleted or renamed while its run is being recorded.
    const flow = await requireFlow(tx, environmentOf(input), input.flowId, "share");
    // Refused here, before anything runs, when the tenant's 30-day quota is used up.
    await countFlowRun(tx);
    const tenant = await flowCapacityOf(tx);
    const startedAt = new Date();
    const resolvedCredentials = await resolveCredentials(tx, flow.steps);
    const activeConnections = await resolveConnections(tx, flow.steps);
    const execution = executeFlow(flow.steps, {
      flowName: flow.name,
      tenantName: actor.tenant.name,
      memberCount: tenant?.memberCount ?? 0,
      resolvedCredentials,
      activeConnections,
    });
    const run = await insertFlowRun(tx, {
      environment: flow.environment,
      flowId: flow.id,
      status: execution.status,
      triggeredBy: actingUserId(actor),
      log: execution.log,
      durationMs: execution.durationMs,
      startedAt,
      finishedAt: new Date(startedAt.getTime() + execution.durationMs),
    });
    return {
      data: { runId: run.id, status: execution.status, durationMs: execution.durationMs },
      activity: {
        action: "flow.ran",
        targetType: "flow",
        targetId: flow.id,
        summary: `${actor.user.email} ran the flow ${flow.name}: ${execution.status}`,
        details: { runId: run.id, status: execution.status, durationMs: execution.durationMs },
      },
    };
  },
});
