// The accessibility specs' own world (e2e/a11y/): the keyboard-only spec adds, re-roles and removes
// members here, so nothing else may rely on these people.
import type { SeedWorld } from "../../db/seed";

export const A11Y_DOMAIN = "a11y.e2e.test";

export const A11Y_PEOPLE = {
  admin: `kim.keys@${A11Y_DOMAIN}`,
  member: `lee.listed@${A11Y_DOMAIN}`,
  leaving: `lou.leaving@${A11Y_DOMAIN}`,
} as const;

export const A11Y_WORLD: SeedWorld = {
  users: [
    { email: A11Y_PEOPLE.admin, name: "Kim Keys" },
    { email: A11Y_PEOPLE.member, name: "Lee Listed" },
    { email: A11Y_PEOPLE.leaving, name: "Lou Leaving" },
  ],
  tenants: [
    {
      slug: "a11y-main",
      name: "Keyboard Main",
      contactEmail: A11Y_PEOPLE.admin,
      license: "team",
      flowCap: 10,
      approvedDomains: [A11Y_DOMAIN],
      members: [
        { email: A11Y_PEOPLE.admin, roles: ["admin"] },
        { email: A11Y_PEOPLE.member, roles: ["viewer"] },
        { email: A11Y_PEOPLE.leaving, roles: ["viewer"] },
      ],
    },
    {
      // Kim's second tenant, where the keyboard-only spec starts and switches from.
      slug: "a11y-side",
      name: "Keyboard Side",
      contactEmail: A11Y_PEOPLE.admin,
      license: "free",
      flowCap: 3,
      members: [{ email: A11Y_PEOPLE.admin, roles: ["admin"] }],
    },
  ],
};
