// The members specs' own world (e2e/members/): specs promote, suspend and remove these people, so
// nothing else may rely on them. Members Main only admits addresses at members.e2e.test.
import type { SeedWorld } from "../../db/seed";

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
  users: [
    { email: MEMBERS_PEOPLE.admin, name: "Mia Admin" },
    { email: MEMBERS_PEOPLE.mover, name: "Max Mover" },
    { email: MEMBERS_PEOPLE.peer, name: "Pat Peer" },
    { email: MEMBERS_PEOPLE.sideAdmin, name: "Sid Side" },
    { email: MEMBERS_PEOPLE.outsider, name: "Olga Outsider" },
    { email: ROWS_PEOPLE.admin, name: "Rowan Rows" },
    { email: ROWS_PEOPLE.carol, name: "Carol Rows" },
    { email: ROWS_PEOPLE.dave, name: "Dave Rows" },
    { email: ROWS_PEOPLE.erin, name: "Erin Rows" },
    { email: ROWS_PEOPLE.frank, name: "Frank Rows" },
  ],
  tenants: [
    {
      slug: "members-main",
      name: "Members Main",
      contactEmail: MEMBERS_PEOPLE.admin,
      license: "team",
      flowCap: 50,
      approvedDomains: [MEMBERS_DOMAIN],
      members: [
        { email: MEMBERS_PEOPLE.admin, roles: ["admin"] },
        { email: MEMBERS_PEOPLE.mover, roles: ["viewer"] },
        { email: MEMBERS_PEOPLE.peer, roles: ["editor"] },
        { email: MEMBERS_PEOPLE.outsider, roles: ["viewer"] },
      ],
    },
    {
      // The mover's other tenant: it must stay theirs whatever happens to them in Members Main.
      slug: "members-side",
      name: "Members Side",
      contactEmail: MEMBERS_PEOPLE.sideAdmin,
      license: "free",
      flowCap: 5,
      members: [
        { email: MEMBERS_PEOPLE.sideAdmin, roles: ["admin"] },
        { email: MEMBERS_PEOPLE.mover, roles: ["viewer"] },
      ],
    },
    {
      slug: "members-rows",
      name: "Members Rows",
      contactEmail: ROWS_PEOPLE.admin,
      license: "team",
      flowCap: 5,
      members: [
        { email: ROWS_PEOPLE.admin, roles: ["admin"] },
        { email: ROWS_PEOPLE.carol, roles: ["viewer"] },
        { email: ROWS_PEOPLE.dave, roles: ["viewer"] },
        { email: ROWS_PEOPLE.erin, roles: ["viewer"] },
        { email: ROWS_PEOPLE.frank, roles: ["viewer"] },
      ],
    },
  ],
};
