// "Viewers see dashboards only" (e2e/dashboards-only/): an Admin who switches it, a client invited as
// Viewer, and a flow the client must stop seeing.
import type { SeedWorld } from "../../db/seed";
import { members, tenant, users } from "./world";

export const DASHBOARDS_ONLY_TENANT = "dashboards-only-agency";

export const DASHBOARDS_ONLY_PEOPLE = {
  admin: "admin@dashboards-only.e2e.test",
  client: "client@dashboards-only.e2e.test",
} as const;

export const DASHBOARDS_ONLY_WORLD = {
  users: users({ [DASHBOARDS_ONLY_PEOPLE.admin]: "Agency Admin", [DASHBOARDS_ONLY_PEOPLE.client]: "Client Viewer" }),
  tenants: [
    tenant({
      slug: DASHBOARDS_ONLY_TENANT,
      name: "Dashboards Only Agency",
      contactEmail: DASHBOARDS_ONLY_PEOPLE.admin,
      members: members({ [DASHBOARDS_ONLY_PEOPLE.admin]: "admin", [DASHBOARDS_ONLY_PEOPLE.client]: "viewer" }),
      flows: [{ name: "Internal billing sync", steps: ["validate"] }],
    }),
  ],
} satisfies SeedWorld;
