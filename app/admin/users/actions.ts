"use server";

// Superadmin changes to user accounts: may they create tenants, how many may they own, are they
// superadmins. Each locks the account's row and writes the platform log.
import { z } from "zod";
import type { Tx } from "@/db/scopes";
import { lockSuperadmins, lockUserForPlatform, updateUserFlags } from "@/db/queries/platform-users";
import { setSuperadminTwoFactorRequired } from "@/db/queries/platform-settings";
import { platformAction } from "@/lib/actions/platform-action";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { requireRow } from "@/lib/actions/require-row";
import { MAX_TENANT_LIMIT, booleanInput, idInput, wholeNumberInput } from "../inputs";

const requireUser = (tx: Tx, userId: string) => requireRow(userId, (id) => lockUserForPlatform(tx, id));

const onOff = (value: boolean) => (value ? "on" : "off");

export const setCanCreateTenants = platformAction({
  name: "user.can_create_set",
  input: z.object({ userId: idInput, canCreateTenants: booleanInput }),
  async run({ tx, input }) {
    const user = await requireUser(tx, input.userId);
    await updateUserFlags(tx, user.id, { canCreateTenants: input.canCreateTenants });
    return {
      data: { canCreateTenants: input.canCreateTenants },
      activity: {
        action: "user.can_create_set",
        targetType: "user",
        targetId: user.id,
        summary: `Turned "Can create tenants" ${onOff(input.canCreateTenants)} for ${user.email}`,
        details: { email: user.email, from: user.canCreateTenants, to: input.canCreateTenants },
      },
    };
  },
});

export const setTenantLimit = platformAction({
  name: "user.tenant_limit_set",
  input: z.object({ userId: idInput, tenantLimit: wholeNumberInput(MAX_TENANT_LIMIT) }),
  async run({ tx, input }) {
    const user = await requireUser(tx, input.userId);
    // Lowering the limit below what the user owns keeps their tenants; it only stops new ones.
    await updateUserFlags(tx, user.id, { tenantLimit: input.tenantLimit });
    return {
      data: { tenantLimit: input.tenantLimit },
      activity: {
        action: "user.tenant_limit_set",
        targetType: "user",
        targetId: user.id,
        summary: `Changed the tenant limit of ${user.email} from ${user.tenantLimit} to ${input.tenantLimit}`,
        details: { email: user.email, from: user.tenantLimit, to: input.tenantLimit },
      },
    };
  },
});

export const setSuperadmin = platformAction({
  name: "user.superadmin_set",
  input: z.object({ userId: idInput, isSuperadmin: booleanInput }),
  async run({ tx, superadmin, input }) {
    // Every superadmin row first (always in the same order, so two of these cannot deadlock), then
    // the target: the platform is never left without a superadmin, even when two of them remove
    // their own flags at the same moment.
    const superadmins = await lockSuperadmins(tx);
    if (!superadmins.includes(superadmin.id)) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    const user = await requireUser(tx, input.userId);
    if (!input.isSuperadmin && superadmins.every((id) => id === user.id)) {
      throw new ActionError(
        "CONFLICT",
        "This is the last superadmin. Make another account a superadmin before removing this one's flag.",
      );
    }
    await updateUserFlags(tx, user.id, { isSuperadmin: input.isSuperadmin });
    return {
      data: { isSuperadmin: input.isSuperadmin },
      activity: {
        action: "user.superadmin_set",
        targetType: "user",
        targetId: user.id,
        summary: `${input.isSuperadmin ? "Made" : "Removed"} ${user.email} ${input.isSuperadmin ? "a superadmin" : "as superadmin"}`,
        details: { email: user.email, from: user.isSuperadmin, to: input.isSuperadmin },
      },
    };
  },
});

/**
 * "Require two-factor for superadmins": a superadmin without it is sent to enrol before the console
 * opens and cannot enter tenants as one (lib/two-factor/superadmin-requirement.ts). The caller must
 * have it first, so switching it on never shuts out the one who did.
 */
export const setSuperadminTwoFactor = platformAction({
  name: "platform.superadmin_two_factor.set",
  input: z.object({ required: booleanInput }),
  async run({ tx, superadmin, platform, input }) {
    if (input.required && !superadmin.twoFactorEnabled) {
      throw new ActionError("FORBIDDEN", "Set up two-factor on your profile before requiring it of superadmins.");
    }
    const before = platform.twoFactorRequired;
    await setSuperadminTwoFactorRequired(tx, input.required);
    return {
      data: { required: input.required },
      activity: {
        action: "platform.superadmin_two_factor_set",
        summary: `Turned "Require two-factor for superadmins" ${onOff(input.required)}`,
        details: { from: before, to: input.required },
      },
    };
  },
});
