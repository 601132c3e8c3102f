// The packages area's own world: one tenant whose Admin moves flows from Development to Production.
import type { SeedWorld } from "../../db/seed";
import { members, tenant, users } from "./world";

export const PACKAGES_WORLD = {
  users: users({ "admin@packages.e2e.test": "Release Admin" }),
  tenants: [
    tenant({
      slug: "release-team",
      name: "Release Team",
      contactEmail: "admin@packages.e2e.test",
      flowCap: 10,
      members: members({ "admin@packages.e2e.test": "admin" }),
    }),
  ],
} satisfies SeedWorld;
