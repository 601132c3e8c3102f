// Who must have two-factor to enter a tenant, checked on every request like the login policy
// (lib/actor.ts). The tenant requires it of nobody, of its Admins, of everyone, or of the members of
// chosen groups: built-in ones (the roles, tenants.two_factor_roles) and custom ones (flagged on the
// group's row; whether the caller is in one is read in the same statement as their membership).
// Visiting superadmins enter with Admin powers, so "admins" (and the Admin group chosen) covers them too.
import type { MemberRole, TwoFactorRequirement } from "@/db/schema";

export const TWO_FACTOR_REQUIRED_REASON = "two-factor-required";

export const TWO_FACTOR_REQUIRED_MESSAGE = "This tenant requires two-factor authentication. Set it up on your profile, then try again.";

/** The tenant's side of the requirement, as the actor read returns it. */
export interface TwoFactorPolicy {
  twoFactorRequired: TwoFactorRequirement;
  /** The built-in groups chosen under "Members of chosen groups". */
  twoFactorRoles?: readonly MemberRole[];
}

/** The caller's side: their roles, and whether one of their custom groups is chosen. */
export interface TwoFactorSubject {
  roles: readonly MemberRole[];
  inTwoFactorGroup?: boolean;
}

export function twoFactorRequiredFor(policy: TwoFactorPolicy, subject: TwoFactorSubject): boolean {
  const requirement = policy.twoFactorRequired;
  if (requirement === "everyone") return true;
  if (requirement === "admins") return subject.roles.includes("admin");
  if (requirement === "groups") {
    return subject.inTwoFactorGroup === true || subject.roles.some((role) => policy.twoFactorRoles?.includes(role));
  }
  return false;
}

/** Whether the caller may enter: required two-factor is enrolled (and, for the session, passed). */
export function twoFactorRequirementMet(tenant: TwoFactorPolicy, caller: TwoFactorSubject & { user: { twoFactorEnabled: boolean } }): boolean {
  return caller.user.twoFactorEnabled || !twoFactorRequiredFor(tenant, caller);
}

/** The profile's enrolment, saying which tenant (its slug) or "admin" (the console) asks for it. */
export function enrolmentPath(requiredBy: string): string {
  return `/profile?${new URLSearchParams({ reason: TWO_FACTOR_REQUIRED_REASON, for: requiredBy })}`;
}

export const TWO_FACTOR_REQUIREMENT_LABELS: Record<TwoFactorRequirement, string> = {
  off: "No one",
  admins: "Admins",
  everyone: "Everyone",
  groups: "Members of chosen groups",
};
