// The dashboards area's own world (e2e/dashboards/): one tenant with an Editor and a Viewer, no
// tables or dashboards yet.
import type { SeedWorld } from "../../db/seed";
import { members, tenant, users } from "./world";

export const DASHBOARDS_TENANT = "dashboards-team";

export const DASHBOARDS_PEOPLE = {
  editor: "editor@dashboards.e2e.test",
  viewer: "viewer@dashboards.e2e.test",
} as const;

export const DASHBOARDS_WORLD = {
  users: users({ [DASHBOARDS_PEOPLE.editor]: "Dashboard Editor", [DASHBOARDS_PEOPLE.viewer]: "Dashboard Viewer" }),
  tenants: [
    tenant({
      slug: DASHBOARDS_TENANT,
      name: "Dashboard Team",
      contactEmail: DASHBOARDS_PEOPLE.editor,
      members: members({ [DASHBOARDS_PEOPLE.editor]: "editor", [DASHBOARDS_PEOPLE.viewer]: "viewer" }),
    }),
  ],
} satisfies SeedWorld;
