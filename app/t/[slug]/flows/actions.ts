"use server";

// Flows: create, rename, delete (Editors and Admins: flows.write) and run (flows.run). The tenant is
// the URL's; a flow id from another tenant, or a malformed one, is simply not found.
import { z } from "zod";
import type { TenantTx } from "@/db/scopes";
import {
  deleteFlow as deleteFlowRow,
  findFlow,
  flowCapacityOf,
  insertFlow,
  insertFlowRun,
  renameFlow as renameFlowRow,
} from "@/db/queries/flows";
import { tenantAction } from "@/lib/actions/tenant-action";
import { actingUserId } from "@/lib/caller";
import { withUniqueName } from "@/lib/actions/unique-name";
import { requireRow } from "@/lib/actions/require-row";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { executeFlow } from "@/lib/flows/execute";
import { countFlowRun } from "@/lib/usage/flow-run-quota";
import { resolveCredentials } from "@/lib/credentials/resolve-credentials";
import { FlowIdInput, FlowNameInput, FlowStepsInput } from "@/lib/flows/flow-input";

const requireFlow = (tx: TenantTx, flowId: string, options?: { lock?: "share" }) => requireRow(flowId, (id) => findFlow(tx, id, options));

/** A write whose only expected refusal is the flow's name, taken in this tenant. */
const withUniqueFlowName = <T,>(write: () => Promise<T>) =>
  withUniqueName("flows_tenant_name", "A flow with this name already exists in this tenant.", write);

export const createFlow = tenantAction({
  name: "flow.create",
  permission: "flows.write",
  // The tenant row stays locked until commit, so parallel creates count one after another (every
  // flow insert updates this row through the counter trigger).
  lockTenant: true,
  input: z.object({ name: FlowNameInput, steps: FlowStepsInput }),
  async run({ tx, actor, input, tenant: capacity }) {
    if (capacity.flowCount >= capacity.flowCap) {
      throw new ActionError(
        "CONFLICT",
        `This tenant has reached its flow cap (${capacity.flowCount} of ${capacity.flowCap} flows). ` +
          "Delete a flow, or ask a superadmin to raise the cap.",
      );
    }
    const flow = await withUniqueFlowName(() =>
      insertFlow(tx, { name: input.name, steps: input.steps, createdBy: actingUserId(actor) }),
    );
    return {
      data: { id: flow.id, name: flow.name },
      activity: {
        action: "flow.created",
        targetType: "flow",
        targetId: flow.id,
        summary: `${actor.user.email} created the flow ${flow.name}`,
        details: { name: flow.name, steps: flow.steps },
      },
    };
  },
});

export const renameFlow = tenantAction({
  name: "flow.rename",
  permission: "flows.write",
  input: z.object({ flowId: FlowIdInput, name: FlowNameInput }),
  async run({ tx, actor, input }) {
    const flow = await requireFlow(tx, input.flowId);
    const renamed = await withUniqueFlowName(() => renameFlowRow(tx, flow.id, input.name));
    if (!renamed) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    return {
      data: { id: renamed.id, name: renamed.name },
      activity: {
        action: "flow.renamed",
        targetType: "flow",
        targetId: flow.id,
        summary: `${actor.user.email} renamed the flow ${flow.name} to ${renamed.name}`,
        details: { from: flow.name, to: renamed.name },
      },
    };
  },
});

export const deleteFlow = tenantAction({
  name: "flow.delete",
  permission: "flows.write",
  input: z.object({ flowId: FlowIdInput }),
  async run({ tx, actor, input }) {
    const flow = await requireFlow(tx, input.flowId);
    await deleteFlowRow(tx, flow.id);
    return {
      data: { id: flow.id },
      activity: {
        action: "flow.deleted",
        targetType: "flow",
        targetId: flow.id,
        summary: `${actor.user.email} deleted the flow ${flow.name}`,
        details: { name: flow.name, steps: flow.steps },
      },
    };
  },
});

export const runFlow = tenantAction({
  name: "flow.run",
  permission: "flows.run",
  input: z.object({ flowId: FlowIdInput }),
  async run({ tx, actor, input }) {
    // Shared lock: the flow cannot be deleted or renamed while its run is being recorded.
    const flow = await requireFlow(tx, input.flowId, { lock: "share" });
    // Refused here, before anything runs, when the tenant's 30-day quota is used up.
    await countFlowRun(tx);
    const tenant = await flowCapacityOf(tx);
    const startedAt = new Date();
    const resolvedCredentials = await resolveCredentials(tx, flow.steps);
    const execution = executeFlow(flow.steps, { flowName: flow.name, tenantName: actor.tenant.name, memberCount: tenant?.memberCount ?? 0, resolvedCredentials });
    const run = await insertFlowRun(tx, {
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
