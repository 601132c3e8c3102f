// The connections area's own world (e2e/connections/): one tenant with an Editor and a Viewer. No
// connections yet.
import type { SeedWorld } from "../../db/seed";
import { members, tenant, users } from "./world";

export const CONNECTIONS_TENANT = "connections-team";

export const CONNECTIONS_PEOPLE = {
  editor: "editor@connections.e2e.test",
  viewer: "viewer@connections.e2e.test",
} as const;

export const CONNECTIONS_WORLD = {
  users: users({ [CONNECTIONS_PEOPLE.editor]: "Connection Editor", [CONNECTIONS_PEOPLE.viewer]: "Connection Viewer" }),
  tenants: [
    tenant({
      slug: CONNECTIONS_TENANT,
      name: "Connection Team",
      contactEmail: CONNECTIONS_PEOPLE.editor,
      members: members({ [CONNECTIONS_PEOPLE.editor]: "editor", [CONNECTIONS_PEOPLE.viewer]: "viewer" }),
    }),
  ],
} satisfies SeedWorld;
