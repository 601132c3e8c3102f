// Wrapper for superadmin server actions: zod parse -> session -> one withPlatform transaction (which
// checks the superadmin flag as it is now) -> platform log entry -> commit -> the console's pages
// refreshed -> typed result. A non-superadmin
// gets NOT_FOUND, like the /admin pages, so the console does not reveal that they exist.
// Touching a tenant's data goes through `platform.enterTenant`, which writes into that tenant's log.
import "server-only";
import type { z } from "zod";
import { NotSuperadminError, withPlatform, type PlatformAccess, type PlatformTx } from "@/db/scopes";
import { recordPlatformActivity } from "@/db/queries/activity/platform-log";
import { failure, type ActionResult } from "../action-result";
import { getSessionUser, type SessionUser } from "../actor";
import { clientIp } from "../client-ip";
import { ActionError, NOT_FOUND_MESSAGE, SIGNED_OUT_MESSAGE, parseInput, registerAction, settle } from "./core";
import { toPlatformEntry, type PlatformActivityRecord } from "./activity-entry";
import { refreshPages } from "./after-commit";

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
    const parsed = parseInput(definition.input, rawInput);
    if (!parsed.ok) return parsed.result;
    const superadmin = await getSessionUser();
    if (!superadmin) return failure("UNAUTHENTICATED", SIGNED_OUT_MESSAGE);
    const ip = await clientIp();

    const result = await settle(definition.name, async () => {
      try {
        return await withPlatform({ superadminId: superadmin.id }, async (tx, platform) => {
          const { data, activity } = await definition.run({ tx, superadmin, platform, input: parsed.input, ip });
          await recordPlatformActivity(tx, toPlatformEntry(activity, superadmin, ip));
          return data;
        });
      } catch (error) {
        if (error instanceof NotSuperadminError) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
        throw error;
      }
    });
    // The one revalidation rule (lib/actions/after-commit.ts): the console's pages.
    if (result.ok) refreshPages("/admin");
    return result;
  };
}
