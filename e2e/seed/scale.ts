// The two-server spec's own world (e2e/scale/two-servers.spec.ts): it promotes, rate-limits and
// grants superadmin to these people, so nothing else may rely on them. All sign in with a password.
import type { SeedWorld } from "../../db/seed";

export const SCALE_PASSWORD = "two servers one database";

export const SCALE_PEOPLE = {
  root: "root@scale.e2e.test",
  admin: "admin@scale.e2e.test",
  member: "member@scale.e2e.test",
  promoted: "promoted@scale.e2e.test",
  limited: "limited@scale.e2e.test",
} as const;

export const SCALE_WORLD: SeedWorld = {
  users: [
    { email: SCALE_PEOPLE.root, name: "Scale Root", isSuperadmin: true, password: SCALE_PASSWORD },
    { email: SCALE_PEOPLE.admin, name: "Scale Admin", password: SCALE_PASSWORD },
    { email: SCALE_PEOPLE.member, name: "Scale Member", password: SCALE_PASSWORD },
    { email: SCALE_PEOPLE.promoted, name: "Scale Promoted", password: SCALE_PASSWORD },
    { email: SCALE_PEOPLE.limited, name: "Scale Limited", password: SCALE_PASSWORD },
  ],
  tenants: [
    {
      slug: "scale-main",
      name: "Scale Main",
      contactEmail: "ops@scale.e2e.test",
      license: "free",
      flowCap: 5,
      members: [
        { email: SCALE_PEOPLE.root, roles: ["admin"] },
        { email: SCALE_PEOPLE.admin, roles: ["admin"] },
        { email: SCALE_PEOPLE.member, roles: ["viewer"] },
        { email: SCALE_PEOPLE.promoted, roles: ["viewer"] },
        { email: SCALE_PEOPLE.limited, roles: ["viewer"] },
      ],
    },
    {
      slug: "scale-elsewhere",
      name: "Scale Elsewhere",
      contactEmail: "ops@scale.e2e.test",
      license: "free",
      flowCap: 5,
      members: [{ email: SCALE_PEOPLE.admin, roles: ["admin"] }],
    },
  ],
};
