// The fuzz sample's own world (e2e/fuzz/sample.spec.ts): generated inputs may rename its tenant,
// switch its sign-in policy or remove its members, so they go to a tenant no other spec uses.
import type { SeedWorld } from "../../db/seed";

export const FUZZ_WORLD = {
  users: [
    { email: "admin@fuzz.e2e.test", name: "Fuzz Admin" },
    { email: "viewer@fuzz.e2e.test", name: "Fuzz Viewer" },
  ],
  tenants: [
    {
      slug: "fuzz-lab",
      name: "Fuzz Lab",
      contactEmail: "admin@fuzz.e2e.test",
      license: "free",
      flowCap: 10,
      members: [
        { email: "admin@fuzz.e2e.test", roles: ["admin"] },
        { email: "viewer@fuzz.e2e.test", roles: ["viewer"] },
      ],
      flows: [{ name: "Fuzzed flow", steps: ["validate"] }],
    },
  ],
} satisfies SeedWorld;
