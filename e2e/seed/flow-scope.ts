// The flow scope spec's own world (e2e/groups/group-flow-scope.spec.ts): one tenant with an Admin, a
// Viewer whom the spec puts into a group narrowed to one flow, and two flows. No groups yet.
import type { SeedWorld } from "../../db/seed";
import { members, tenant, users } from "./world";

export const FLOW_SCOPE_TENANT = "flow-scope-team";

export const FLOW_SCOPE_PEOPLE = {
  admin: "admin@flow-scope.e2e.test",
  viewer: "viewer@flow-scope.e2e.test",
} as const;

export const FLOW_SCOPE_FLOWS = { allowed: "Invoices sync", other: "Payroll export" } as const;

export const FLOW_SCOPE_WORLD = {
  users: users({ [FLOW_SCOPE_PEOPLE.admin]: "Scope Admin", [FLOW_SCOPE_PEOPLE.viewer]: "Scope Viewer" }),
  tenants: [
    tenant({
      slug: FLOW_SCOPE_TENANT,
      name: "Flow Scope Team",
      contactEmail: FLOW_SCOPE_PEOPLE.admin,
      flowCap: 10,
      members: members({ [FLOW_SCOPE_PEOPLE.admin]: "admin", [FLOW_SCOPE_PEOPLE.viewer]: "viewer" }),
      flows: [
        { name: FLOW_SCOPE_FLOWS.allowed, steps: ["validate", "transform"] },
        { name: FLOW_SCOPE_FLOWS.other, steps: ["validate", "checksum"] },
      ],
    }),
  ],
} satisfies SeedWorld;
