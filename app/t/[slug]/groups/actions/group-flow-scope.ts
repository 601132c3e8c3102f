"use server";

// Narrowing a custom group's flow permissions (Edit flows, Run flows) to particular flows: "All flows"
// (every group's default) or "Only these flows", and the flows on that list (by id, in every
// environment: db/schema/groups.ts). The group and the flow are looked up in the caller's tenant only:
// an id of another tenant's group or flow answers NOT_FOUND. Effective on the members' next request.
import { z } from "zod";
import { updateGroup } from "@/db/queries/groups";
import { deleteGroupFlow, insertGroupFlow } from "@/db/queries/group-flows";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { tenantAction } from "@/lib/actions/tenant-action";
import { FLOW_SCOPE_LABELS } from "@/lib/groups/flow-scope-labels";
import { isUuid } from "@/lib/ids";
import { groupActivity, requireGroup } from "./group-change";
import { groupIdField } from "@/lib/groups/group-input";

const flowScopeField = z.enum(["all", "selected"], "Choose All flows or Only these flows.");
const flowIdField = z.string().max(100);

export const setGroupFlowScope = tenantAction({
  name: "group.flow_scope_change",
  permission: "members.manage",
  lockTenant: true,
  input: z.object({ groupId: groupIdField, flowScope: flowScopeField }),
  async run({ tx, actor, input }) {
    const group = await requireGroup(tx, input.groupId);
    const flowsScoped = input.flowScope === "selected";
    if (group.flowsScoped === flowsScoped) return { data: { id: group.id }, activity: null, message: "Nothing changed." };
    await updateGroup(tx, group.id, { flowsScoped });
    const [before, after] = [FLOW_SCOPE_LABELS[group.flowsScoped ? "selected" : "all"], FLOW_SCOPE_LABELS[input.flowScope]];
    return {
      data: { id: group.id },
      message: `${group.name}'s flow permissions now apply to: ${after.toLowerCase()}.`,
      activity: groupActivity("group.flow_scope_changed", group, `${actor.user.email} changed the flow access of ${group.name} from ${before} to ${after}`, {
        name: group.name,
        flowScopeBefore: group.flowsScoped ? "selected" : "all",
        flowScopeAfter: input.flowScope,
      }),
    };
  },
});

const GroupFlowInput = z.object({ groupId: groupIdField, flowId: flowIdField });

/** What adding or removing a listed flow wrote: the entry naming the flow, or none when nothing changed. */
function flowListOutcome(group: { id: string; name: string }, flowId: string, flowName: string | null, entry: { action: string; summary: string; message: string; unchanged: string }) {
  const data = { groupId: group.id, flowId };
  if (flowName === null) return { data, activity: null, message: entry.unchanged };
  return { data, message: entry.message, activity: groupActivity(entry.action, group, entry.summary, { name: group.name, flowId, flowName }) };
}

export const addGroupFlow = tenantAction({
  name: "group.flow_add",
  permission: "members.manage",
  lockTenant: true,
  input: GroupFlowInput,
  async run({ tx, actor, input }) {
    const group = await requireGroup(tx, input.groupId);
    const flow = isUuid(input.flowId) ? await insertGroupFlow(tx, group.id, input.flowId) : null;
    if (!flow) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    return flowListOutcome(group, input.flowId, flow.added ? flow.name : null, {
      action: "group.flow_added",
      summary: `${actor.user.email} added the flow ${flow.name} to the flows of the group ${group.name}`,
      message: `Added ${flow.name} to ${group.name}'s flows.`,
      unchanged: `${flow.name} is already on ${group.name}'s list.`,
    });
  },
});

export const removeGroupFlow = tenantAction({
  name: "group.flow_remove",
  permission: "members.manage",
  lockTenant: true,
  input: GroupFlowInput,
  async run({ tx, actor, input }) {
    const group = await requireGroup(tx, input.groupId);
    const flowName = isUuid(input.flowId) ? await deleteGroupFlow(tx, group.id, input.flowId) : null;
    return flowListOutcome(group, input.flowId, flowName, {
      action: "group.flow_removed",
      summary: `${actor.user.email} removed the flow ${flowName} from the flows of the group ${group.name}`,
      message: `Removed ${flowName} from ${group.name}'s flows.`,
      unchanged: `That flow is not on ${group.name}'s list.`,
    });
  },
});
