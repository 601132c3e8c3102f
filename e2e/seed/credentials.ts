// The credentials and API keys area's own world: one tenant with an Admin, an Editor and a Viewer.
import type { SeedWorld } from "../../db/seed";
import { members, tenant, users } from "./world";

export const KEYS_TENANT = "keys-team";

export const KEYS_PEOPLE = {
  admin: "admin@keys.e2e.test",
  editor: "editor@keys.e2e.test",
  viewer: "viewer@keys.e2e.test",
} as const;

export const CREDENTIALS_WORLD = {
  users: users({ [KEYS_PEOPLE.admin]: "Key Admin", [KEYS_PEOPLE.editor]: "Key Editor", [KEYS_PEOPLE.viewer]: "Key Viewer" }),
  tenants: [
    tenant({
      slug: KEYS_TENANT,
      name: "Key Team",
      contactEmail: KEYS_PEOPLE.admin,
      members: members({ [KEYS_PEOPLE.admin]: "admin", [KEYS_PEOPLE.editor]: "editor", [KEYS_PEOPLE.viewer]: "viewer" }),
    }),
  ],
} satisfies SeedWorld;
