// The groups area's own world (e2e/groups/): one tenant with an Admin and a Viewer whom the spec puts
// into custom groups, and a member whom the members page's role editor puts into one. No groups yet.
import type { SeedWorld } from "../../db/seed";
import { members, tenant, users } from "./world";

export const GROUPS_TENANT = "groups-team";

export const GROUPS_PEOPLE = {
  admin: "admin@groups.e2e.test",
  viewer: "viewer@groups.e2e.test",
  member: "member@groups.e2e.test",
  /** Put in a custom group only (no built-in group) by e2e/groups/groups-only-member.spec.ts. */
  groupsOnly: "groups-only@groups.e2e.test",
} as const;

export const GROUPS_WORLD = {
  users: users({ [GROUPS_PEOPLE.admin]: "Group Admin", [GROUPS_PEOPLE.viewer]: "Group Viewer", [GROUPS_PEOPLE.member]: "Group Member", [GROUPS_PEOPLE.groupsOnly]: "Group Only" }),
  tenants: [
    tenant({
      slug: GROUPS_TENANT,
      name: "Group Team",
      contactEmail: GROUPS_PEOPLE.admin,
      members: members({ [GROUPS_PEOPLE.admin]: "admin", [GROUPS_PEOPLE.viewer]: "viewer", [GROUPS_PEOPLE.member]: "viewer", [GROUPS_PEOPLE.groupsOnly]: "viewer" }),
    }),
  ],
} satisfies SeedWorld;
