// A tenant data file's custom groups: their names, permissions and (version 3) narrowing to particular
// flows, never who is in them (members are not in the file). A group the tenant lacks (names compare
// without case, like the unique index) is created empty; one it has with other permissions or narrowing
// gets the file's, under the same guard as the groups page (the tenant keeps a member who can manage
// members). A narrowed group is narrowed before any flow is imported, so it never holds its flow
// permissions for every flow, even for a moment; its flows are named once the flows are in
// (importGroupFlows), and the file's list replaces the group's.
import "server-only";
import { deleteGroupFlows, groupFlowIds, insertGroupFlow } from "@/db/queries/group-flows";
import { insertGroup, listGroups, updateGroup } from "@/db/queries/groups";
import type { TenantTx } from "@/db/scopes";
import { groupNameField, permissionsField } from "../groups/group-input";
import { keepingAMemberManager } from "../groups/keep-a-manager";
import type { RecordOf } from "./format";
import type { KindOutcome } from "./import-plan";
import { checked, refuseFile } from "./refuse-file";

export async function importGroups(tx: TenantTx, tenantName: string, records: RecordOf<"group">[], outcome: KindOutcome): Promise<void> {
  const existing = new Map((await listGroups(tx)).map((group) => [group.name.toLowerCase(), group]));
  const inFile = new Set<string>();
  for (const record of records) {
    const name = checked(groupNameField, record.name, "a group name");
    const permissions = checked(permissionsField, record.permissions, `permissions of the group ${name}`);
    if (inFile.has(name.toLowerCase())) refuseFile(`The file holds the group ${name} twice. Nothing was imported.`);
    inFile.add(name.toLowerCase());
    const group = existing.get(name.toLowerCase());
    // Older files do not say: a group keeps the narrowing it has (a new one holds for all flows, as before).
    const flowsScoped = record.flowsScoped ?? group?.flowsScoped ?? false;
    if (!group) {
      const created = await insertGroup(tx, { name, permissions });
      if (flowsScoped) await updateGroup(tx, created.id, { flowsScoped });
      outcome.created.push(name);
      continue;
    }
    const samePermissions = group.permissions.length === permissions.length && permissions.every((permission) => group.permissions.includes(permission));
    if (samePermissions && group.flowsScoped === flowsScoped) {
      outcome.skipped.push({ name, reason: "the same group is already there" });
    } else {
      await keepingAMemberManager(tx, tenantName, () => updateGroup(tx, group.id, { permissions, flowsScoped }));
      outcome.changed.push(name);
    }
  }
}

/**
 * The flows each group of the file names, once the file's flows are in: the file's list replaces the
 * group's (a flow the group named that the file does not is taken out, so an import never leaves a
 * narrowed group reaching more flows than the file says). A flow of the file merged into one of another
 * id (by name) is named by the tenant's id (`mergedFlowIds`); an id the tenant has in no environment is left out. A file without the list
 * (before version 3) leaves the group's flows as they are. A group whose list changes is changed.
 */
export async function importGroupFlows(tx: TenantTx, records: RecordOf<"group">[], mergedFlowIds: ReadonlyMap<string, string>, outcome: KindOutcome): Promise<void> {
  const byName = new Map((await listGroups(tx)).map((group) => [group.name.toLowerCase(), group]));
  for (const record of records) {
    const group = byName.get(record.name.trim().toLowerCase());
    if (!group || record.flowIds === undefined) continue;
    const inFile = new Set(record.flowIds.map((flowId) => mergedFlowIds.get(flowId) ?? flowId));
    const removed = await deleteGroupFlows(tx, group.id, (await groupFlowIds(tx, group.id)).filter((flowId) => !inFile.has(flowId)));
    let added = false;
    for (const flowId of inFile) added = (await insertGroupFlow(tx, group.id, flowId))?.added === true || added;
    // Named as the file names it, like the rest of the plan.
    const name = record.name.trim();
    const listed = (names: string[]) => names.some((other) => other.toLowerCase() === name.toLowerCase());
    if ((added || removed > 0) && !listed(outcome.created) && !listed(outcome.changed)) {
      outcome.changed.push(name);
      outcome.skipped = outcome.skipped.filter((skipped) => skipped.name.toLowerCase() !== name.toLowerCase());
    }
  }
}
