// The checkboxes of "Require two-factor: Members of chosen groups": the built-in groups first (Viewer,
// Editor, Admin), then the tenant's custom groups, each ticked when the requirement names it.
import type { MemberRole } from "@/db/schema";
import { ROLE_OPTIONS } from "../members/members-table-options";

/** A group the requirement may name: a built-in group (its role) or a custom group (its id). */
export interface TwoFactorGroupChoice {
  value: string;
  label: string;
  chosen: boolean;
}

export function twoFactorGroupChoices(
  chosenRoles: readonly MemberRole[],
  customGroups: readonly { id: string; name: string; twoFactorRequired: boolean }[],
): TwoFactorGroupChoice[] {
  return [
    ...ROLE_OPTIONS.map((option) => ({ value: option.value, label: option.label, chosen: chosenRoles.includes(option.value) })),
    ...customGroups.map((group) => ({ value: group.id, label: group.name, chosen: group.twoFactorRequired })),
  ];
}
