// The members specs' own world (e2e/members/): specs promote, suspend and remove these people, so
// nothing else may rely on them. Members Main only admits addresses at members.e2e.test.
import type { SeedWorld } from "../../db/seed";
import { members, tenant, users } from "./world";

export const MEMBERS_DOMAIN = "members.e2e.test";

export const MEMBERS_PEOPLE = {
  admin: `mia.admin@${MEMBERS_DOMAIN}`,
  mover: `max.mover@${MEMBERS_DOMAIN}`,
  peer: `pat.peer@${MEMBERS_DOMAIN}`,
  sideAdmin: `sid.side@${MEMBERS_DOMAIN}`,
  // Added before the domain rule: still a member, flagged in the list.
  outsider: "olga.outsider@elsewhere.e2e.test",
} as const;

/** Members Rows (e2e/members/row-state.spec.ts): an Admin and members whose rows the spec changes side by side. */
export const ROWS_PEOPLE = {
  admin: `rowan.rows@${MEMBERS_DOMAIN}`,
  carol: `carol.rows@${MEMBERS_DOMAIN}`,
  dave: `dave.rows@${MEMBERS_DOMAIN}`,
  erin: `erin.rows@${MEMBERS_DOMAIN}`,
  frank: `frank.rows@${MEMBERS_DOMAIN}`,
} as const;

export const MEMBERS_WORLD: SeedWorld = {
  users: users({
    [MEMBERS_PEOPLE.admin]: "Mia Admin",
    [MEMBERS_PEOPLE.mover]: "Max Mover",
    [MEMBERS_PEOPLE.peer]: "Pat Peer",
    [MEMBERS_PEOPLE.sideAdmin]: "Sid Side",
    [MEMBERS_PEOPLE.outsider]: "Olga Outsider",
    [ROWS_PEOPLE.admin]: "Rowan Rows",
    [ROWS_PEOPLE.carol]: "Carol Rows",
    [ROWS_PEOPLE.dave]: "Dave Rows",
    [ROWS_PEOPLE.erin]: "Erin Rows",
    [ROWS_PEOPLE.frank]: "Frank Rows",
  }),
  tenants: [
    tenant({
      slug: "members-main",
      name: "Members Main",
      contactEmail: MEMBERS_PEOPLE.admin,
      license: "team",
      flowCap: 50,
      approvedDomains: [MEMBERS_DOMAIN],
      members: members({
        [MEMBERS_PEOPLE.admin]: "admin",
        [MEMBERS_PEOPLE.mover]: "viewer",
        [MEMBERS_PEOPLE.peer]: "editor",
        [MEMBERS_PEOPLE.outsider]: "viewer",
      }),
    }),
    // The mover's other tenant: it must stay theirs whatever happens to them in Members Main.
    tenant({
      slug: "members-side",
      name: "Members Side",
      contactEmail: MEMBERS_PEOPLE.sideAdmin,
      members: members({ [MEMBERS_PEOPLE.sideAdmin]: "admin", [MEMBERS_PEOPLE.mover]: "viewer" }),
    }),
    tenant({
      slug: "members-rows",
      name: "Members Rows",
      contactEmail: ROWS_PEOPLE.admin,
      license: "team",
      members: members({
        [ROWS_PEOPLE.admin]: "admin",
        [ROWS_PEOPLE.carol]: "viewer",
        [ROWS_PEOPLE.dave]: "viewer",
        [ROWS_PEOPLE.erin]: "viewer",
        [ROWS_PEOPLE.frank]: "viewer",
      }),
    }),
  ],
};
