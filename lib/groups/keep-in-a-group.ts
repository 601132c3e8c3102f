// Every member is in at least one group, built-in (a role) or custom: a member may be in custom groups
// only, so taking one out of their last group, or deleting the last group of some, would leave them in
// none. The database holds the rule at commit (migration members_in_custom_groups_only); this refuses
// it first, with a message that says who and what to do. Run under the tenant lock (the actions'
// `lockTenant`), so a concurrent change cannot make the member's other group disappear in between.
import "server-only";
import { listMembersOnlyInGroup } from "@/db/queries/groups";
import type { TenantTx } from "@/db/scopes";
import { ActionError } from "../actions/core";

/** Refuses taking `userId` (or, without it, every member) out of the group when it is their only group. */
export async function refuseLeavingMembersInNoGroup(tx: TenantTx, group: { id: string; name: string }, userId?: string): Promise<void> {
  const stranded = await listMembersOnlyInGroup(tx, group.id, { userId });
  if (stranded.length === 0) return;
  const who = stranded.map((member) => member.email).join(", ") + (stranded.length === 3 && !userId ? " and maybe others" : "");
  throw new ActionError(
    "CONFLICT",
    `${group.name} is the only group of ${who}: a member must be in at least one group. Give them a role or another group first, or remove them from the tenant.`,
  );
}
