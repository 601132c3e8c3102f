// A tenant data file's two-factor requirement with its chosen groups (version 3: the built-in groups on
// the settings record, the custom ones flagged on their group record). It is applied under the settings
// page's own guard: an import may not require two-factor of the importing Admin before they have it
// (they would be sent to enrol, and a tenant whose Admins all lack it should not lock at one upload);
// then it is skipped with the reason. Older files name no chosen groups, so their requirement is
// skipped as before (set it in Settings). Runs after the groups are imported (the flags name them).
import "server-only";
import { listGroups, listGroupsOfMember, listTwoFactorGroups, setTwoFactorGroups } from "@/db/queries/groups";
import { updateTenantSettings } from "@/db/queries/tenants";
import type { MemberRole, Tenant } from "@/db/schema";
import type { TenantTx } from "@/db/scopes";
import { canonicalRoles, rolesLabel } from "../permissions";
import { twoFactorRequiredFor } from "../two-factor/requirement";
import type { RecordOf } from "./format";
import type { KindOutcome } from "./import-plan";
import { refuseFile } from "./refuse-file";

export const TWO_FACTOR_ITEM = "Two-factor requirement";
export const POLICY_REASON = "the login policy is not imported: set it in Settings";

export interface TwoFactorImporter {
  userId: string | null;
  roles: MemberRole[];
  twoFactorEnabled: boolean;
}

export async function importTwoFactorRequirement(
  tx: TenantTx,
  tenant: Tenant,
  caller: TwoFactorImporter,
  file: { settings: RecordOf<"settings">; groups: RecordOf<"group">[] },
  outcome: KindOutcome,
): Promise<void> {
  const { twoFactorRequired: requirement, twoFactorRoles } = file.settings;
  if (twoFactorRoles === undefined) {
    if (requirement !== tenant.twoFactorRequired) outcome.skipped.push({ name: TWO_FACTOR_ITEM, reason: POLICY_REASON });
    return;
  }
  const chosenNames = new Set(requirement === "groups" ? file.groups.filter((group) => group.twoFactorRequired).map((group) => group.name.toLowerCase()) : []);
  const roles = requirement === "groups" ? canonicalRoles(twoFactorRoles) : [];
  const groups = (await listGroups(tx)).filter((group) => chosenNames.has(group.name.toLowerCase()));
  if (requirement === "groups" && roles.length + groups.length === 0) refuseFile("The file requires two-factor of chosen groups but names none. Nothing was imported.");

  const ids = (list: { id: string }[]) => list.map((group) => group.id).sort().join();
  const current = await listTwoFactorGroups(tx);
  const same = requirement === tenant.twoFactorRequired && (requirement !== "groups" || (rolesLabel(roles) === rolesLabel(tenant.twoFactorRoles) && ids(groups) === ids(current)));
  if (same) return;

  const callerGroups = caller.userId ? await listGroupsOfMember(tx, tx.tenantId, caller.userId) : [];
  const inChosenGroup = callerGroups.some((group) => groups.some((chosen) => chosen.id === group.id));
  if (twoFactorRequiredFor({ twoFactorRequired: requirement, twoFactorRoles: roles }, { roles: caller.roles, inTwoFactorGroup: inChosenGroup }) && !caller.twoFactorEnabled) {
    outcome.skipped.push({ name: TWO_FACTOR_ITEM, reason: "it would require two-factor of you: set up two-factor on your profile first, or set it in Settings" });
    return;
  }
  await updateTenantSettings(tx, { twoFactorRequired: requirement, twoFactorRoles: roles });
  await setTwoFactorGroups(tx, groups.map((group) => group.id));
  outcome.changed.push(TWO_FACTOR_ITEM);
}
