// "Require two-factor: Members of chosen groups": the chosen groups as the form sends them (one
// checkbox "twoFactorGroups" per group: a built-in group's name or a custom group's id), resolved in
// the caller's tenant only, and how a requirement reads in the activity log.
import "server-only";
import { z } from "zod";
import { findGroupsByIds } from "@/db/queries/groups";
import type { MemberRole, TwoFactorRequirement } from "@/db/schema";
import { MEMBER_ROLES } from "@/db/schema/member-roles";
import type { TenantTx } from "@/db/scopes";
import { ActionError } from "@/lib/actions/core";
import { isUuid } from "@/lib/ids";
import { canonicalRoles, rolesLabel } from "@/lib/permissions";
import { TWO_FACTOR_REQUIREMENT_LABELS } from "@/lib/two-factor/requirement";

const isMemberRole = (value: string): value is MemberRole => (MEMBER_ROLES as readonly string[]).includes(value);

/** The ticked boxes: absent means none, one box a string, several an array. */
export const twoFactorGroupsField = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().trim().max(100)).max(1000, "Choose at most 1,000 groups."),
);

export interface ChosenTwoFactorGroups {
  roles: MemberRole[];
  groups: { id: string; name: string }[];
}

/**
 * The groups a requirement names: none unless it is "groups", then at least one. A custom group's id
 * that is not one of this tenant's (another tenant's, a deleted one) is refused next to the field,
 * with the same words whether or not it exists elsewhere.
 */
export async function resolveTwoFactorGroups(tx: TenantTx, requirement: TwoFactorRequirement, values: string[]): Promise<ChosenTwoFactorGroups> {
  if (requirement !== "groups") return { roles: [], groups: [] };
  const roles = canonicalRoles(values.filter(isMemberRole));
  const ids = [...new Set(values.filter((value) => !isMemberRole(value)))];
  const groups = ids.length === 0 ? [] : await findGroupsByIds(tx, ids.filter(isUuid));
  if (groups.length !== ids.length) {
    throw new ActionError("NOT_FOUND", "One of the chosen groups does not exist. Reload the page and choose again.", {
      twoFactorGroups: ["One of the chosen groups does not exist (it may have been deleted)."],
    });
  }
  if (roles.length === 0 && groups.length === 0) {
    throw new ActionError("VALIDATION", "Choose at least one group whose members must use two-factor.", {
      twoFactorGroups: ["Choose at least one group."],
    });
  }
  return { roles, groups };
}

type RequirementState = ChosenTwoFactorGroups & { requirement: TwoFactorRequirement };

export function sameTwoFactorRequirement(a: RequirementState, b: RequirementState): boolean {
  const ids = (state: RequirementState) => state.groups.map((group) => group.id).sort().join();
  // The chosen groups matter only while the requirement is "groups" (they are cleared otherwise).
  if (a.requirement !== b.requirement) return false;
  return a.requirement !== "groups" || (rolesLabel(a.roles) === rolesLabel(b.roles) && ids(a) === ids(b));
}

/** "Admins", or "Members of chosen groups (Admin, Engineering)". */
export function twoFactorRequirementLabel(state: RequirementState): string {
  const label = TWO_FACTOR_REQUIREMENT_LABELS[state.requirement];
  if (state.requirement !== "groups") return label;
  const names = [...(state.roles.length ? [rolesLabel(state.roles)] : []), ...state.groups.map((group) => group.name)];
  return `${label} (${names.join(", ") || "none"})`;
}

export function twoFactorRequirementDetails(state: RequirementState) {
  return { twoFactorRequired: state.requirement, twoFactorRoles: state.roles, twoFactorGroups: state.groups };
}
