// The per-flow permission check: THE way to ask "may this caller do `permission` to this flow?". A
// permission held for the whole tenant (a built-in role, an API key's role, a group on "All flows")
// answers at once, with no statement; one held only through groups narrowed to particular flows
// (holder.flowScopedPermissions) costs one indexed read. The write core runs it for every action that
// names a flow (TenantActionDefinition.flowId); flow pages run it to show their controls.
import "server-only";
import { flowsInGroupScope, groupScopeAllowsFlow } from "@/db/queries/groups";
import type { TenantTx } from "@/db/scopes";
import { actingUserId, type Actor } from "../caller";
import { isUuid } from "../ids";
import { can, isFlowScopedPermission, type Permission, type PermissionHolder } from "../permissions";

export interface FlowPermissionHolder extends PermissionHolder {
  /** The member's user id (null for an API key or an integration: their roles are never narrowed). */
  userId: string | null;
}

export async function canForFlow(tx: TenantTx, holder: FlowPermissionHolder, permission: Permission, flowId: string): Promise<boolean> {
  if (can(holder, permission)) return true;
  if (!holder.userId || !isFlowScopedPermission(permission) || !holder.flowScopedPermissions?.includes(permission)) return false;
  // The flow id comes from input: a malformed one is no flow of any list (and never reaches PostgreSQL).
  if (!isUuid(flowId)) return false;
  return groupScopeAllowsFlow(tx, holder.userId, permission, flowId);
}

/** Which of a page's flows the caller may do `permission` to (a list's per-row controls): at most one statement. */
export async function flowsActorMay(tx: TenantTx, actor: Actor, permission: Permission, flowIds: string[]): Promise<Set<string>> {
  if (can(actor, permission)) return new Set(flowIds);
  const userId = actingUserId(actor);
  if (!userId || !isFlowScopedPermission(permission) || !actor.flowScopedPermissions?.includes(permission)) return new Set();
  return flowsInGroupScope(tx, userId, permission, flowIds);
}

/** canForFlow for the caller of a page or action (an API key's role is never narrowed: no user id). */
export const actorCanForFlow = (tx: TenantTx, actor: Actor, permission: Permission, flowId: string) =>
  canForFlow(tx, { ...actor, userId: actingUserId(actor) }, permission, flowId);
