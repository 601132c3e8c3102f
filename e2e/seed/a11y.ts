// The accessibility specs' own world (e2e/a11y/): the keyboard-only spec adds, re-roles and removes
// members here, so nothing else may rely on these people.
import type { SeedWorld } from "../../db/seed";
import { members, tenant, users } from "./world";

export const A11Y_DOMAIN = "a11y.e2e.test";

export const A11Y_PEOPLE = {
  admin: `kim.keys@${A11Y_DOMAIN}`,
  member: `lee.listed@${A11Y_DOMAIN}`,
  leaving: `lou.leaving@${A11Y_DOMAIN}`,
} as const;

export const A11Y_WORLD: SeedWorld = {
  users: users({ [A11Y_PEOPLE.admin]: "Kim Keys", [A11Y_PEOPLE.member]: "Lee Listed", [A11Y_PEOPLE.leaving]: "Lou Leaving" }),
  tenants: [
    tenant({
      slug: "a11y-main",
      name: "Keyboard Main",
      contactEmail: A11Y_PEOPLE.admin,
      license: "team",
      flowCap: 10,
      approvedDomains: [A11Y_DOMAIN],
      members: members({ [A11Y_PEOPLE.admin]: "admin", [A11Y_PEOPLE.member]: "viewer", [A11Y_PEOPLE.leaving]: "viewer" }),
    }),
    // Kim's second tenant, where the keyboard-only spec starts and switches from.
    tenant({ slug: "a11y-side", name: "Keyboard Side", contactEmail: A11Y_PEOPLE.admin, flowCap: 3, members: members({ [A11Y_PEOPLE.admin]: "admin" }) }),
  ],
};
