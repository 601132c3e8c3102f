// The access review spec's own world (issue 15, item 4): an Admin, a Viewer, and an Invited member
// whose account has never signed in (no two-factor state the tenant may see).
import type { SeedWorld } from "../../db/seed";
import { tenant } from "./world";

export const ACCESS_PEOPLE = {
  admin: "ava.admin@access.e2e.test",
  viewer: "vic.viewer@access.e2e.test",
  invited: "ivy.invited@access.e2e.test",
} as const;

export const ACCESS_WORLD: SeedWorld = {
  users: [
    { email: ACCESS_PEOPLE.admin, name: "Ava Admin" },
    { email: ACCESS_PEOPLE.viewer, name: "Vic Viewer" },
    { email: ACCESS_PEOPLE.invited, name: "Ivy Invited", signedInBefore: false },
  ],
  tenants: [
    tenant({
      slug: "access-review",
      name: "Access Review Co",
      contactEmail: ACCESS_PEOPLE.admin,
      members: [
        { email: ACCESS_PEOPLE.admin, roles: ["admin"] },
        { email: ACCESS_PEOPLE.viewer, roles: ["viewer"] },
        { email: ACCESS_PEOPLE.invited, roles: ["editor"] },
      ],
    }),
  ],
};
