// Wrapper for server actions of a signed-in user outside any one tenant (create a tenant, account
// settings): zod parse -> session -> one withUser transaction -> platform log entry -> typed result.
// Nothing is revalidated: a user action either leaves the page (`redirectOnSuccess`) or changes
// nothing it shows.
// `recordInTenant` also writes into a tenant's own log (e.g. the tenant just created) in the same
// transaction; after it, the transaction is in that tenant's scope.
import "server-only";
import type { z } from "zod";
import { enterTenant, withUser, type TenantTx, type UserTx } from "@/db/scopes";
import { recordActivity } from "@/db/queries/activity/tenant-log";
import { recordPlatformActivity } from "@/db/queries/activity/platform-log";
import type { ActionResult } from "../action-result";
import type { SessionUser } from "../actor";
import { toPlatformEntry, type PlatformActivityRecord } from "./activity-entry";
import { registerAction, settle, type ActivityRecord } from "./core";
import { signedInCall } from "./signed-in-call";

export interface UserActionContext<Input> {
  tx: UserTx;
  user: SessionUser;
  input: Input;
  ip: string | null;
  /**
   * Writes into that tenant's log; the transaction stays in the tenant's scope, returned as a TenantTx
   * for the work that must follow there (the new tenant's first membership).
   */
  recordInTenant(tenantId: string, entry: ActivityRecord): Promise<TenantTx>;
}

export type UserAction<T> = (previous: unknown, input: FormData | Record<string, unknown>) => Promise<ActionResult<T>>;

export function userAction<Schema extends z.ZodType, T>(definition: {
  name: string;
  input: Schema;
  /**
   * Work that must commit whatever the action's outcome, in its own transaction before the action's
   * (counting a code attempt, which a refused code must not roll back); it may refuse by throwing an
   * ActionError. Before the action's transaction, never inside it, so one request never holds two
   * connections at once.
   */
  beforeTransaction?(context: { user: SessionUser; input: z.output<Schema> }): Promise<void>;
  run(context: UserActionContext<z.output<Schema>>): Promise<{ data: T; activity: PlatformActivityRecord }>;
}): UserAction<T> {
  registerAction(definition.name, { scope: "user" });

  return async function authorizedUserAction(_previous, rawInput) {
    const call = await signedInCall(definition.input, rawInput);
    if (!call.ok) return call.result;
    const { input, user, ip } = call;

    return settle(definition.name, async () => {
      await definition.beforeTransaction?.({ user, input });
      return withUser({ userId: user.id }, async (tx) => {
        const recordInTenant = async (tenantId: string, entry: ActivityRecord) => {
          const inTenant = await enterTenant(tx, { tenantId, userId: user.id });
          await recordActivity(inTenant, { actorUserId: user.id, actorEmail: user.email, ip, ...entry });
          return inTenant;
        };
        const { data, activity } = await definition.run({ tx, user, input, ip, recordInTenant });
        await recordPlatformActivity(tx, toPlatformEntry(activity, user, ip));
        return data;
      });
    });
  };
}
