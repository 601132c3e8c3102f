// The one authorizing wrapper every tenant server action goes through:
// zod parse -> session -> actor (tenant from the URL slug, membership read now) -> one scoped
// transaction: (the tenant row's lock, when the action asks for it) -> permission, re-checked from
// the membership as it is now (under the lock) -> the change AND its activity entry -> commit ->
// the tenant's pages refreshed -> typed result with the action's message.
// Server actions are public POST endpoints, so nothing here trusts the client beyond parsed input.
import "server-only";
import type { z } from "zod";
import type { TenantTx } from "@/db/scopes";
import { recordPlatformActivity } from "@/db/queries/activity/platform-log";
import type { Tenant } from "@/db/schema";
import { failure, type ActionResult } from "../action-result";
import { getActor, getTenantSessionUser, tenantAccessRefusal, type Actor } from "../actor";
import { isTenantBoundSession, SSO_BOUND_ELSEWHERE_MESSAGE } from "../sso/session-binding";
import { SSO_REQUIRED_MESSAGE } from "../sso/sso-policy";
import { PASSWORD_REQUIRED_MESSAGE } from "../login-policy";
import { TWO_FACTOR_REQUIRED_MESSAGE } from "../two-factor/requirement";
import { clientIp } from "../client-ip";
import type { AccessKind } from "../ip-allow-list";
import type { Permission } from "../permissions";
import { toPlatformEntry, type PlatformActivityRecord } from "./activity-entry";
import { committed, refreshPages } from "./after-commit";
import { ActionError, NOT_FOUND_MESSAGE, SIGNED_OUT_MESSAGE, parseInput, registerAction, settle, type ActivityRecord } from "./core";
import { accessInTransaction } from "./tenant-access";
import { inTenantTransaction } from "./tenant-transaction";

export interface TenantActionContext<Input, Locked extends boolean = false> {
  tx: TenantTx;
  actor: Actor;
  input: Input;
  ip: string | null;
  /** The tenant's row, locked until commit, when the action asked for `lockTenant`. */
  tenant: Locked extends true ? Tenant : null;
  /** What the action's `outside` work answered (undefined for an action without one). */
  called?: unknown;
}

/**
 * Work an action does with no transaction open, because it may take seconds (a call to an outside
 * service): `read` runs in a first transaction of its own, authorized exactly like the action;
 * `call` then runs on what it read, holding no lock and no connection; the action's `run` gets the
 * call's answer as `context.called` in the action's own (second) transaction, where it must re-check
 * that what it read is still so before recording anything.
 */
export interface OutsideWork<Input> {
  read(context: { tx: TenantTx; actor: Actor; input: Input }): Promise<unknown>;
  call(read: unknown): Promise<unknown>;
}

/** An OutsideWork whose `call` is typed by what its `read` answers. */
export const outsideWork = <Input, Read, Called>(
  read: (context: { tx: TenantTx; actor: Actor; input: Input }) => Promise<Read>,
  call: (read: Read) => Promise<Called>,
): OutsideWork<Input> => ({ read, call: (value) => call(value as Read) });

/**
 * What a tenant action records, in its transaction: its entry in the tenant's log (null when nothing
 * changed), and/or an entry in the platform log for what outlives the tenant's own log (its deletion).
 */
export interface TenantActionOutcome<T> {
  data: T;
  activity: ActivityRecord | null;
  platformActivity?: PlatformActivityRecord;
  /** What the form says once the change has committed. */
  message?: string;
}

export type TenantAction<T> = (
  slug: string,
  previous: unknown,
  input: FormData | Record<string, unknown>,
) => Promise<ActionResult<T>>;

export interface TenantActionDefinition<Schema extends z.ZodType, T, Locked extends boolean = false> {
  name: string;
  permission: Permission;
  input: Schema;
  /**
   * Take the tenant row's lock before authorizing: changes of one tenant that ask for it run one at a
   * time, and one that committed while this one waited (another Admin demoting or removing the
   * caller, a license change) counts.
   */
  lockTenant?: Locked;
  /** The IP allow-list that guards the action, when not its permission's own (an import: "package"). */
  ipKind?: AccessKind;
  /**
   * The flow the action acts on, from its parsed input: the core checks `permission` FOR THAT FLOW
   * (lib/groups/flow-access.ts), so a member of a group narrowed to other flows is refused. Every
   * action with a flow permission names one (tests/architecture/flow-scoped-actions.test.ts), except
   * creating a flow, which only a tenant-wide grant allows.
   */
  flowId?: (input: z.output<Schema>) => string;
  /**
   * Runs while the tenant is archived. Only "Restore tenant" does: every other action is refused with
   * ARCHIVED then (lib/actions/tenant-archive.ts), and tests/tenants/archive-refusals.test.ts holds it.
   */
  allowedWhileArchived?: true;
  /** Work done outside any transaction before `run` (see OutsideWork). */
  outside?: OutsideWork<z.output<Schema>>;
  run(context: TenantActionContext<z.output<Schema>, Locked>): Promise<TenantActionOutcome<T>>;
}

/**
 * A tenant server action, carrying its definition: the REST API (lib/api/api-action.ts) runs the same
 * definition through the same core (performTenantAction) with an API key as the caller.
 */
export type DefinedTenantAction<Schema extends z.ZodType, T, Locked extends boolean = false> = TenantAction<T> & {
  definition: TenantActionDefinition<Schema, T, Locked>;
};

/**
 * The write core every tenant action runs through, whoever calls (a signed-in member, an API key): one
 * scoped transaction (inTenantTransaction: the tenant lock when asked for, the caller authorized as
 * they are now) in which the change and its activity entries are written. `inside` runs last in that
 * transaction (the server action's check of whether the caller may still see the tenant).
 */
export async function performTenantAction<Schema extends z.ZodType, T, Locked extends boolean, Extra = null>(
  definition: TenantActionDefinition<Schema, T, Locked>,
  caller: { actor: Actor; ip: string | null },
  input: z.output<Schema>,
  inside?: (tx: TenantTx, changed: boolean) => Promise<Extra>,
): Promise<{ data: T; message: string | undefined; changed: boolean; extra: Extra | null }> {
  const { actor, ip } = caller;
  const options = {
    permission: definition.permission,
    lockTenant: definition.lockTenant,
    ipKind: definition.ipKind,
    name: definition.name,
    flowId: definition.flowId?.(input),
    writes: !definition.allowedWhileArchived,
  };
  const called = definition.outside ? await doOutside(definition.outside, caller, { ...options, lockTenant: false }, input) : undefined;
  return inTenantTransaction({ actor, ip }, options, async ({ tx, actor: current, tenant, record }) => {
    const { data, activity, platformActivity, message } = await definition.run({ tx, actor: current, input, ip, tenant, called });
    if (activity) await record(activity);
    if (platformActivity) await recordPlatformActivity(tx, toPlatformEntry(platformActivity, actor.user, ip));
    const changed = activity !== null;
    return { data, message, changed, extra: inside ? await inside(tx, changed) : null };
  });
}

/** An action's outside work: the read in its own authorized transaction, committed, then the call with none open. */
async function doOutside<Input>(
  outside: OutsideWork<Input>,
  caller: { actor: Actor; ip: string | null },
  options: Parameters<typeof inTenantTransaction>[1],
  input: Input,
): Promise<unknown> {
  const read = await inTenantTransaction(caller, options, ({ tx, actor }) => outside.read({ tx, actor, input }));
  return outside.call(read);
}

export function tenantAction<Schema extends z.ZodType, T, Locked extends boolean = false>(
  definition: TenantActionDefinition<Schema, T, Locked>,
): DefinedTenantAction<Schema, T, Locked> {
  registerAction(definition.name, {
    scope: "tenant",
    permission: definition.permission,
    ...(definition.flowId !== undefined ? { namesFlow: true } : {}),
    ...(definition.allowedWhileArchived ? { allowedWhileArchived: true } : {}),
  });
  const authorizedTenantAction = (slug: string, _previous: unknown, rawInput: FormData | Record<string, unknown>) => callTenantAction(definition, slug, rawInput, false);
  return Object.assign(authorizedTenantAction, { definition });
}

/** Thrown after a dry run's work so that its transaction rolls back, carrying what the work answered. */
class DryRunRollback extends Error {
  constructor(readonly data: unknown) {
    super("dry run: rolled back");
  }
}

/**
 * The dry run of a tenant action: the same definition, run by the same core (parse, caller, lock,
 * permission, IP list, the action's own work) in a transaction that is then rolled back, whatever it
 * wrote. It answers what the action would have answered, and leaves nothing behind (no entry either:
 * it is not registered as an action of its own).
 */
export function tenantDryRun<Schema extends z.ZodType, T, Locked extends boolean = false>(
  definition: TenantActionDefinition<Schema, T, Locked>,
): TenantAction<T> {
  return (slug, _previous, rawInput) => callTenantAction(definition, slug, rawInput, true);
}

async function callTenantAction<Schema extends z.ZodType, T, Locked extends boolean>(
  definition: TenantActionDefinition<Schema, T, Locked>,
  slug: string,
  rawInput: FormData | Record<string, unknown>,
  dryRun: boolean,
): Promise<ActionResult<T>> {
  const parsed = parseInput(definition.input, rawInput);
  if (!parsed.ok) return parsed.result;
  const user = await getTenantSessionUser();
  if (!user) return failure("UNAUTHENTICATED", SIGNED_OUT_MESSAGE);

  // The actor is read inside `settle` too: whatever a forged slug makes the lookup do, the
  // caller gets a typed answer, never a 500.
  const result = await settle(definition.name, async () => {
    const actor = typeof slug === "string" ? await getActor(slug) : null;
    const refusal = !actor && typeof slug === "string" ? await tenantAccessRefusal(slug) : null;
    if (refusal === "sso") throw new ActionError("UNAUTHENTICATED", SSO_REQUIRED_MESSAGE);
    if (refusal === "password") throw new ActionError("UNAUTHENTICATED", PASSWORD_REQUIRED_MESSAGE);
    if (refusal === "two-factor") throw new ActionError("FORBIDDEN", TWO_FACTOR_REQUIRED_MESSAGE);
    // A session bound to another tenant by its single sign-on is signed out here, whatever the tenant.
    if (!actor && isTenantBoundSession(user)) throw new ActionError("UNAUTHENTICATED", SSO_BOUND_ELSEWHERE_MESSAGE);
    if (!actor) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    const ip = await clientIp();
    if (dryRun) {
      const rolledBack: TenantActionDefinition<Schema, T, Locked> = {
        ...definition,
        async run(context) {
          throw new DryRunRollback((await definition.run(context)).data);
        },
      };
      try {
        await performTenantAction(rolledBack, { actor, ip }, parsed.input);
      } catch (error) {
        if (error instanceof DryRunRollback) return { data: error.data as T, message: undefined, refresh: null };
        throw error;
      }
      throw new Error("a dry run must roll back");
    }
    // The tenant's pages change with the entry in its log; a caller the change shut out (who
    // removed or suspended themselves) is sent elsewhere, not shown the tenant again.
    const stillIn = async (tx: TenantTx, changed: boolean) => changed && (await accessInTransaction(tx, actor.user)) !== null;
    const done = await performTenantAction(definition, { actor, ip }, parsed.input, stillIn);
    return { ...done, refresh: done.extra ? actor.tenant.slug : null };
  });
  if (!result.ok) return result;
  if (result.data.refresh) refreshPages(`/t/${result.data.refresh}`);
  return committed(result.data.data, result.data.message);
}
