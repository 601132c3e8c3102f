// The core of every write into a tenant, shared by the tenant action wrapper and by route handlers
// that write (the CSV export, the REST API): one scoped transaction that takes the tenant row's lock
// when asked, then authorizes the caller from their membership (or superadmin flag, or for an API key
// the key's row) as it is now, under that lock, and records entries in the tenant's log as the caller.
import "server-only";
import { lockTenant } from "@/db/queries/tenants";
import type { Tenant } from "@/db/schema";
import { withTenant, type TenantTx } from "@/db/scopes";
import { actingUserId, type Actor } from "../caller";
import { kindOfPermission, type AccessKind } from "../ip-allow-list";
import type { Permission } from "../permissions";
import { apiCallerLabel, recordCallerActivity } from "./activity-entry";
import { ActionError, NOT_FOUND_MESSAGE, type ActivityRecord } from "./core";
import { requireAddressAllowed, withIpRefusalsLogged } from "./ip-allow-check";
import { refuseIfArchived } from "./tenant-archive";
import { authorizeApiKeyInTransaction, authorizeInTransaction, authorizeIntegrationInTransaction, type TenantAccess } from "./tenant-access";

export interface TenantTransaction<Locked extends boolean> {
  /** The tenant-scoped transaction (its tenantId is the caller's tenant). */
  tx: TenantTx;
  /** The caller with their access as it is in this transaction. */
  actor: Actor;
  access: TenantAccess;
  /** The tenant's row, locked until commit, when `lockTenant` was asked for. */
  tenant: Locked extends true ? Tenant : null;
  /** Writes an entry into the tenant's log as the caller (marked when they are a visiting superadmin). */
  record(entry: ActivityRecord): Promise<void>;
}

interface TenantWorkOptions<Locked extends boolean> {
  permission: Permission;
  lockTenant?: Locked;
  /** The IP allow-list that guards this work, when not the permission's own (lib/ip-allow-list.ts). */
  ipKind?: AccessKind;
  /** What a refusal's log entry names. */
  name?: string;
  /**
   * The flow the work acts on: `permission` is then checked for that flow (a group narrowed to other
   * flows does not grant it). Without it, only a tenant-wide grant counts.
   */
  flowId?: string;
  /**
   * The work changes the tenant: refused with ARCHIVED while the tenant is archived (read-only, issue
   * 14 item 5). Reads (exports) leave it out; so does "Restore tenant", the one change allowed then.
   */
  writes?: boolean;
}

/** Who a refusal by the caller's tenant's allow-list is logged as. */
export function refusalOf(caller: { actor: Actor; ip: string | null }, options: { permission: Permission; name?: string }) {
  const { actor, ip } = caller;
  return { tenantId: actor.tenant.id, actorUserId: actingUserId(actor), actorEmail: actor.apiKey ? apiCallerLabel(actor.apiKey) : actor.user.email, ip, what: options.name ?? options.permission };
}

/**
 * Runs `work` for the caller in the tenant's scope, refusing with NOT_FOUND (no access now) or
 * FORBIDDEN (not `permission`) before it starts. With `lockTenant`, the tenant row is locked first,
 * so a change that committed while this one waited (the caller demoted or removed) counts.
 */
export async function inTenantTransaction<T, Locked extends boolean = false>(
  caller: { actor: Actor; ip: string | null },
  options: TenantWorkOptions<Locked>,
  work: (transaction: TenantTransaction<Locked>) => Promise<T>,
): Promise<T> {
  const { actor } = caller;
  // An API key is no user: the scope names none (actingUserId is null for it).
  return withIpRefusalsLogged(refusalOf(caller, options), () =>
    withTenant({ tenantId: actor.tenant.id, userId: actingUserId(actor) }, async (tx) => work(await authorizeTenantWork(tx, caller, options))),
  );
}

/**
 * The authorization of inTenantTransaction in a transaction already in the caller's tenant's scope
 * (`tx`; enterTenant for work that spans two tenants in one transaction): the lock when asked, the
 * caller's access as it is now, the IP allow-list, and the log as the caller.
 */
export async function authorizeTenantWork<Locked extends boolean = false>(
  tx: TenantTx,
  caller: { actor: Actor; ip: string | null },
  options: TenantWorkOptions<Locked>,
): Promise<TenantTransaction<Locked>> {
  const { actor, ip } = caller;
  if (tx.tenantId !== actor.tenant.id) throw new Error("authorizeTenantWork: the transaction is not in the caller's tenant");
  const tenant = options.lockTenant ? await lockTenant(tx, tx.tenantId) : null;
  if (options.lockTenant && !tenant) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
  const access = !actor.apiKey
    ? await authorizeInTransaction(tx, actor.user, options.permission, options.flowId)
    : actor.apiKey.integration
      ? await authorizeIntegrationInTransaction(tx, actor.apiKey.id, options.permission)
      : await authorizeApiKeyInTransaction(tx, actor.apiKey.id, options.permission);
  // After authorizing (a stranger learns nothing from it). Visiting superadmins are not held by a
  // tenant's lists: they are the ones who clear a list that locked its Admins out. An API key (or a
  // signed token) is under the run list, whatever it asks (lib/ip-allow-list.ts).
  const kind = actor.apiKey ? "run" : (options.ipKind ?? kindOfPermission(options.permission));
  if (!access.viaSuperadmin) await requireAddressAllowed(tx, kind, ip);
  if (options.writes) await refuseIfArchived(tx, tenant);
  const record = (entry: ActivityRecord) => recordCallerActivity(tx, { user: actor.user, apiKey: actor.apiKey, access, ip }, entry);
  return { tx, actor: { ...actor, ...access }, access, tenant: tenant as TenantTransaction<Locked>["tenant"], record };
}
