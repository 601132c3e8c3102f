// The caller's access to a tenant as it is inside the transaction that writes (or reads for an
// export): every wrapper and route handler authorizes here, from the membership or superadmin flag
// as they are now, not as they were when the request began.
import "server-only";
import { usableApiKeyRole } from "@/db/queries/api-keys";
import { integrationRoleIn } from "@/db/queries/integrations";
import { findMembershipOfUser } from "@/db/queries/memberships";
import { isSuperadmin } from "@/db/queries/platform-users";
import type { MemberRole } from "@/db/schema";
import type { TenantTx } from "@/db/scopes";
import { API_KEY_UNUSABLE_MESSAGE } from "../api-keys/api-key";
import { TOKEN_UNUSABLE_MESSAGE } from "../integrations/token-claims";
import { catalogPermissions } from "../groups/effective-permissions";
import { canForFlow } from "../groups/flow-access";
import { can, type Permission } from "../permissions";
import { SUPERADMIN_ROLES } from "../superadmin-access";
import type { SessionUser } from "../caller";
import { isTenantBoundSession, sessionEntersTenant } from "../sso/session-binding";
import { ActionError, NOT_FOUND_MESSAGE } from "./core";

export interface TenantAccess {
  roles: MemberRole[];
  /** The member's custom groups' permissions (lib/groups/effective-permissions.ts); none for other callers. */
  groupPermissions: Permission[];
  /** Flow permissions held only for the flows their groups were narrowed to (lib/groups/flow-access.ts). */
  flowScopedPermissions: Permission[];
  membershipId: string | null;
  viaSuperadmin: boolean;
  /** The tenant's "Viewers see dashboards only" and whether the member is in a custom group, as now (lib/permissions.ts). */
  viewersSeeDashboardsOnly: boolean;
  inCustomGroup: boolean;
}

export const FORBIDDEN_MESSAGE = "You do not have permission to do this in this tenant.";

/** The person calling: their id, and the tenant their session is bound to by single sign-on, if any. */
export type SessionCaller = Pick<SessionUser, "id" | "ssoTenantId">;

/**
 * The caller's access to the transaction's tenant as it is inside the writing transaction: their active
 * membership, else Admin powers if they are a superadmin now, else none. A session bound to a tenant
 * by its single sign-on has none elsewhere, and never a superadmin's powers (lib/sso/session-binding.ts).
 */
export async function accessInTransaction(tx: TenantTx, caller: SessionCaller): Promise<TenantAccess | null> {
  if (!sessionEntersTenant(caller, tx.tenantId)) return null;
  const userId = caller.id;
  const membership = await findMembershipOfUser(tx, userId);
  if (membership && membership.status === "active") {
    return {
      roles: membership.roles,
      groupPermissions: catalogPermissions(membership.groupPermissions),
      flowScopedPermissions: catalogPermissions(membership.flowScopedPermissions),
      membershipId: membership.id,
      viaSuperadmin: false,
      viewersSeeDashboardsOnly: membership.viewersSeeDashboardsOnly,
      inCustomGroup: membership.inCustomGroup,
    };
  }
  // A visiting superadmin acts as Admin: "Viewers see dashboards only" never holds for them. A session
  // bound to one tenant by its single sign-on never carries superadmin powers.
  if (!isTenantBoundSession(caller) && (await isSuperadmin(tx, userId))) return { ...NO_GROUPS, roles: SUPERADMIN_ROLES, viaSuperadmin: true };
  return null;
}

/**
 * The caller's access, refused with NOT_FOUND (no access: says nothing of the tenant) or FORBIDDEN (not
 * this permission; with `flowId`, not this permission for that flow: an id outside a narrowed group's
 * flows is refused the same whether or not such a flow exists, so nothing leaks).
 */
export async function authorizeInTransaction(tx: TenantTx, caller: SessionCaller, permission: Permission, flowId?: string): Promise<TenantAccess> {
  const access = await accessInTransaction(tx, caller);
  if (!access) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
  const allowed = flowId === undefined ? can(access, permission) : await canForFlow(tx, { ...access, userId: caller.id }, permission, flowId);
  if (!allowed) throw new ActionError("FORBIDDEN", FORBIDDEN_MESSAGE);
  return access;
}

/**
 * An API key's access, as the key is now inside the writing transaction: its role while it is neither
 * revoked nor expired (UNAUTHENTICATED otherwise: revoked meanwhile), FORBIDDEN when the role lacks
 * `permission` (its role lowered meanwhile).
 */
export async function authorizeApiKeyInTransaction(tx: TenantTx, keyId: string, permission: Permission): Promise<TenantAccess> {
  const key = await usableApiKeyRole(tx, keyId);
  if (!key) throw new ActionError("UNAUTHENTICATED", API_KEY_UNUSABLE_MESSAGE);
  return nonHumanAccess(key, permission);
}

/**
 * An integration's access through its signed token, inside the writing transaction: its default role
 * while it is live and this tenant is one it created (UNAUTHENTICATED otherwise: revoked meanwhile).
 */
export async function authorizeIntegrationInTransaction(tx: TenantTx, integrationId: string, permission: Permission): Promise<TenantAccess> {
  const integration = await integrationRoleIn(tx, integrationId);
  if (!integration) throw new ActionError("UNAUTHENTICATED", TOKEN_UNUSABLE_MESSAGE);
  return nonHumanAccess(integration, permission);
}

const NO_GROUPS = { groupPermissions: [], flowScopedPermissions: [], membershipId: null, inCustomGroup: false, viewersSeeDashboardsOnly: false } satisfies Partial<TenantAccess>;

/** A key's or token's access: its one role (in no custom group), FORBIDDEN without `permission`. */
function nonHumanAccess(caller: { role: MemberRole; viewersSeeDashboardsOnly: boolean }, permission: Permission): TenantAccess {
  const access: TenantAccess = { ...NO_GROUPS, roles: [caller.role], viaSuperadmin: false, viewersSeeDashboardsOnly: caller.viewersSeeDashboardsOnly };
  if (!can(access, permission)) throw new ActionError("FORBIDDEN", FORBIDDEN_MESSAGE);
  return access;
}
