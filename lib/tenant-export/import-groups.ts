// A tenant data file's custom groups: their names and permissions, never who is in them (members are
// not in the file). A group the tenant lacks (names compare without case, like the unique index) is
// created empty; one it has with other permissions gets the file's, under the same guard as the groups
// page (the tenant keeps a member who can manage members).
import "server-only";
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
    if (!group) {
      await insertGroup(tx, { name, permissions });
      outcome.created.push(name);
    } else if (group.permissions.length === permissions.length && permissions.every((permission) => group.permissions.includes(permission))) {
      outcome.skipped.push({ name, reason: "the same group is already there" });
    } else {
      await keepingAMemberManager(tx, tenantName, () => updateGroup(tx, group.id, { permissions }));
      outcome.changed.push(name);
    }
  }
}
