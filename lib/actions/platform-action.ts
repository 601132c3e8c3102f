// Wrapper for superadmin server actions: zod parse -> session -> one withPlatform transaction (which
// checks the superadmin flag as it is now) -> platform log entry -> commit -> the console's pages
// refreshed -> typed result. A non-superadmin
// gets NOT_FOUND, like the /admin pages, so the console does not reveal that they exist.
// Touching a tenant's data goes through `platform.enterTenant`, which writes into that tenant's log.
import "server-only";
import type { z } from "zod";
import { NotSuperadminError, withPlatform, type PlatformAccess, type PlatformTx } from "@/db/scopes";
import { recordPlatformActivity } from "@/db/queries/activity/platform-log";
import type { ActionResult } from "../action-result";
import type { SessionUser } from "../actor";
import { ActionError, NOT_FOUND_MESSAGE, registerAction, settle } from "./core";
import { signedInCall } from "./signed-in-call";
import { toPlatformEntry, type PlatformActivityRecord } from "./activity-entry";
import { refreshPages } from "./after-commit";
import { assertSuperadminTwoFactor, SUPERADMIN_TWO_FACTOR_MESSAGE, SuperadminTwoFactorMissingError } from "../two-factor/superadmin-requirement";

export interface PlatformActionContext<Input> {
  tx: PlatformTx;
  superadmin: SessionUser;
  platform: PlatformAccess;
  input: Input;
  ip: string | null;
}

export type PlatformAction<T> = (previous: unknown, input: FormData | Record<string, unknown>) => Promise<ActionResult<T>>;

export function platformAction<Schema extends z.ZodType, T>(definition: {
  name: string;
  input: Schema;
  run(context: PlatformActionContext<z.output<Schema>>): Promise<{ data: T; activity: PlatformActivityRecord }>;
}): PlatformAction<T> {
  registerAction(definition.name, { scope: "platform" });

  return async function authorizedPlatformAction(_previous, rawInput) {
    const call = await signedInCall(definition.input, rawInput);
    if (!call.ok) return call.result;
    const { input, user: superadmin, ip } = call;

    const result = await settle(definition.name, async () => {
      try {
        return await withPlatform({ superadminId: superadmin.id }, async (tx, platform) => {
          assertSuperadminTwoFactor(platform, superadmin);
          const { data, activity } = await definition.run({ tx, superadmin, platform, input, ip });
          await recordPlatformActivity(tx, toPlatformEntry(activity, superadmin, ip));
          return data;
        });
      } catch (error) {
        if (error instanceof NotSuperadminError) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
        if (error instanceof SuperadminTwoFactorMissingError) throw new ActionError("FORBIDDEN", SUPERADMIN_TWO_FACTOR_MESSAGE);
        throw error;
      }
    });
    // The one revalidation rule (lib/actions/after-commit.ts): the console's pages.
    if (result.ok) refreshPages("/admin");
    return result;
  };
}
