// The two-factor specs' own world (issue 15, item 3): one user who enrols from the profile, and a
// tenant that requires two-factor of everyone with a member who has not enrolled; and a tenant whose
// Admin requires it of the members of one custom group (e2e/auth/two-factor-groups.spec.ts).
import type { SeedWorld } from "../../db/seed";
import { members, tenant, users } from "./world";

export const TWO_FACTOR_WORLD: SeedWorld = {
  users: users({
    "enrol@twofactor.e2e.test": "Erin Enrol",
    "bare@twofactor.e2e.test": "Bo Bare",
    "admin@tfgroups.e2e.test": "Ada Admin",
    "finance@tfgroups.e2e.test": "Fin Finance",
    "other@tfgroups.e2e.test": "Oli Other",
  }),
  tenants: [
    tenant({
      slug: "twofactor-open",
      name: "Two-Factor Open",
      contactEmail: "ops@twofactor.e2e.test",
      members: members({ "enrol@twofactor.e2e.test": "admin" }),
    }),
    tenant({
      slug: "twofactor-required",
      name: "Two-Factor Required",
      contactEmail: "ops@twofactor.e2e.test",
      twoFactorRequired: "everyone",
      members: members({ "bare@twofactor.e2e.test": "viewer" }),
    }),
    tenant({
      slug: "twofactor-groups",
      name: "Two-Factor Groups",
      contactEmail: "ops@tfgroups.e2e.test",
      members: members({ "admin@tfgroups.e2e.test": "admin", "finance@tfgroups.e2e.test": "viewer", "other@tfgroups.e2e.test": "viewer" }),
    }),
  ],
};
