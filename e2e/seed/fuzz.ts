// The fuzz sample's own world (e2e/fuzz/sample.spec.ts): generated inputs may rename its tenant,
// switch its sign-in policy or remove its members, so they go to a tenant no other spec uses.
import type { SeedWorld } from "../../db/seed";
import { members, tenant, users } from "./world";

export const FUZZ_WORLD = {
  users: users({ "admin@fuzz.e2e.test": "Fuzz Admin", "viewer@fuzz.e2e.test": "Fuzz Viewer" }),
  tenants: [
    tenant({
      slug: "fuzz-lab",
      name: "Fuzz Lab",
      contactEmail: "admin@fuzz.e2e.test",
      flowCap: 10,
      members: members({ "admin@fuzz.e2e.test": "admin", "viewer@fuzz.e2e.test": "viewer" }),
      flows: [{ name: "Fuzzed flow", steps: ["validate"] }],
    }),
  ],
} satisfies SeedWorld;
