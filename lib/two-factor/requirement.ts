// Who must have two-factor to enter a tenant, checked on every request like the login policy
// (lib/actor.ts). Today the tenant requires it of nobody, of its Admins, or of everyone; visiting
// superadmins enter with Admin powers, so "admins" covers them too. When groups arrive (issue 15,
// item 1) a requirement naming groups is one more case here: the roles are the built-in groups.
import type { MemberRole, TwoFactorRequirement } from "@/db/schema";

export const TWO_FACTOR_REQUIRED_REASON = "two-factor-required";

export const TWO_FACTOR_REQUIRED_MESSAGE = "This tenant requires two-factor authentication. Set it up on your profile, then try again.";

export function twoFactorRequiredFor(requirement: TwoFactorRequirement, roles: readonly MemberRole[]): boolean {
  if (requirement === "everyone") return true;
  if (requirement === "admins") return roles.includes("admin");
  return false;
}

/** Whether the caller may enter: required two-factor is enrolled (and, for the session, passed). */
export function twoFactorRequirementMet(
  tenant: { twoFactorRequired: TwoFactorRequirement },
  caller: { roles: readonly MemberRole[]; user: { twoFactorEnabled: boolean } },
): boolean {
  return caller.user.twoFactorEnabled || !twoFactorRequiredFor(tenant.twoFactorRequired, caller.roles);
}

/** The profile's enrolment, saying which tenant (its slug) or "admin" (the console) asks for it. */
export function enrolmentPath(requiredBy: string): string {
  return `/profile?${new URLSearchParams({ reason: TWO_FACTOR_REQUIRED_REASON, for: requiredBy })}`;
}

export const TWO_FACTOR_REQUIREMENT_LABELS: Record<TwoFactorRequirement, string> = {
  off: "No one",
  admins: "Admins",
  everyone: "Everyone",
};
