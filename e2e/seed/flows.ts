// The flows area's own world: one tenant with an Editor and a Viewer, and one flow to start from.
import type { SeedWorld } from "../../db/seed";

export const FLOWS_WORLD = {
  users: [
    { email: "editor@flows.e2e.test", name: "Flow Editor" },
    { email: "viewer@flows.e2e.test", name: "Flow Viewer" },
  ],
  tenants: [
    {
      slug: "flows-team",
      name: "Flow Team",
      contactEmail: "editor@flows.e2e.test",
      license: "free",
      flowCap: 10,
      members: [
        { email: "editor@flows.e2e.test", roles: ["editor"] },
        { email: "viewer@flows.e2e.test", roles: ["viewer"] },
      ],
      flows: [{ name: "Nightly export", steps: ["validate", "transform", "checksum"] }],
    },
  ],
} satisfies SeedWorld;
