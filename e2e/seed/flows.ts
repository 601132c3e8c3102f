// The flows area's own world: one tenant with an Editor and a Viewer, and one flow to start from.
import type { SeedWorld } from "../../db/seed";
import { members, tenant, users } from "./world";

export const FLOWS_WORLD = {
  users: users({ "editor@flows.e2e.test": "Flow Editor", "viewer@flows.e2e.test": "Flow Viewer" }),
  tenants: [
    tenant({
      slug: "flows-team",
      name: "Flow Team",
      contactEmail: "editor@flows.e2e.test",
      flowCap: 10,
      members: members({ "editor@flows.e2e.test": "editor", "viewer@flows.e2e.test": "viewer" }),
      flows: [{ name: "Nightly export", steps: ["validate", "transform", "checksum"] }],
    }),
  ],
} satisfies SeedWorld;
