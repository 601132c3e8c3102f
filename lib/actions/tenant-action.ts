// The one authorizing wrapper every tenant server action goes through:
// zod parse -> session -> actor (tenant from the URL slug, membership read now) -> permission ->
// one scoped transaction that does the change AND writes its activity entry -> typed result.
// Server actions are public POST endpoints, so nothing here trusts the client beyond parsed input.
import type { z } from "zod";
import { withTenant, type Tx } from "@/db/scopes";
import { recordPlatformActivity } from "@/db/queries/platform-activity";
import { failure, type ActionResult } from "../action-result";
import { getActor, getSessionUser, isRefusedByLoginPolicy, type Actor } from "../actor";
import { PASSWORD_REQUIRED_MESSAGE } from "../login-policy";
import { clientIp } from "../client-ip";
import { can, type Permission } from "../permissions";
import { accessInTransaction, recordCallerActivity } from "../superadmin-access";
import { ActionError, NOT_FOUND_MESSAGE, SIGNED_OUT_MESSAGE, parseInput, registerAction, settle, type ActivityRecord } from "./core";
import { toPlatformEntry, type PlatformActivityRecord } from "./user-action";

export interface TenantActionContext<Input> {
  tx: Tx;
  actor: Actor;
  input: Input;
  ip: string | null;
}

/**
 * What a tenant action records, in its transaction: its entry in the tenant's log (null when nothing
 * changed), and/or an entry in the platform log for what outlives the tenant's own log (its deletion).
 */
export interface TenantActionOutcome<T> {
  data: T;
  activity: ActivityRecord | null;
  platformActivity?: PlatformActivityRecord;
}

export type TenantAction<T> = (
  slug: string,
  previous: unknown,
  input: FormData | Record<string, unknown>,
) => Promise<ActionResult<T>>;

export function tenantAction<Schema extends z.ZodType, T>(definition: {
  name: string;
  permission: Permission;
  input: Schema;
  run(context: TenantActionContext<z.output<Schema>>): Promise<TenantActionOutcome<T>>;
}): TenantAction<T> {
  registerAction(definition.name, { scope: "tenant", permission: definition.permission });

  return async function authorizedTenantAction(slug, _previous, rawInput) {
    const parsed = parseInput(definition.input, rawInput);
    if (!parsed.ok) return parsed.result;
    if (!(await getSessionUser())) return failure("UNAUTHENTICATED", SIGNED_OUT_MESSAGE);

    // The actor is read inside `settle` too: whatever a forged slug makes the lookup do, the
    // caller gets a typed answer, never a 500.
    return settle(definition.name, async () => {
      const actor = typeof slug === "string" ? await getActor(slug) : null;
      if (!actor && typeof slug === "string" && (await isRefusedByLoginPolicy(slug))) {
        throw new ActionError("UNAUTHENTICATED", PASSWORD_REQUIRED_MESSAGE);
      }
      if (!actor) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
      const ip = await clientIp();

      return withTenant({ tenantId: actor.tenant.id, userId: actor.user.id }, async (tx) => {
        // Authorize again inside the transaction that writes, from the membership (or superadmin
        // flag) as it is now.
        const access = await accessInTransaction(tx, actor.tenant.id, actor.user.id);
        if (!access) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
        if (!can(access.roles, definition.permission)) {
          throw new ActionError("FORBIDDEN", "You do not have permission to do this in this tenant.");
        }
        const current = { ...actor, ...access };
        const { data, activity, platformActivity } = await definition.run({ tx, actor: current, input: parsed.input, ip });
        if (activity) await recordCallerActivity(tx, { tenantId: actor.tenant.id, user: actor.user, access, ip }, activity);
        if (platformActivity) await recordPlatformActivity(tx, toPlatformEntry(platformActivity, actor.user, ip));
        return data;
      });
    });
  };
}
