// The credentials and API keys area's own world: one tenant with an Admin, an Editor and a Viewer.
import type { SeedWorld } from "../../db/seed";

export const KEYS_TENANT = "keys-team";

export const KEYS_PEOPLE = {
  admin: "admin@keys.e2e.test",
  editor: "editor@keys.e2e.test",
  viewer: "viewer@keys.e2e.test",
} as const;

export const CREDENTIALS_WORLD = {
  users: [
    { email: KEYS_PEOPLE.admin, name: "Key Admin" },
    { email: KEYS_PEOPLE.editor, name: "Key Editor" },
    { email: KEYS_PEOPLE.viewer, name: "Key Viewer" },
  ],
  tenants: [
    {
      slug: KEYS_TENANT,
      name: "Key Team",
      contactEmail: KEYS_PEOPLE.admin,
      license: "free",
      flowCap: 5,
      members: [
        { email: KEYS_PEOPLE.admin, roles: ["admin"] },
        { email: KEYS_PEOPLE.editor, roles: ["editor"] },
        { email: KEYS_PEOPLE.viewer, roles: ["viewer"] },
      ],
    },
  ],
} satisfies SeedWorld;
