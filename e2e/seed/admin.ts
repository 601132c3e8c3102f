// The admin area's own world: a superadmin (member of one tenant, so signing in lands somewhere), a
// tenant whose flow cap the specs lower, a tenant the superadmin does not belong to, and one whose
// usage limits a spec sets.
import type { SeedWorld } from "../../db/seed";
import { members, tenant } from "./world";

export const ADMIN_WORLD = {
  users: [
    { email: "root@admin.e2e.test", name: "Admin Root", isSuperadmin: true, canCreateTenants: true, tenantLimit: 5 },
    { email: "editor@admin.e2e.test", name: "Capped Editor" },
    { email: "owner@admin.e2e.test", name: "Visited Owner" },
    { email: "metered@admin.e2e.test", name: "Metered Admin" },
    { email: "meter-reader@admin.e2e.test", name: "Metered Editor" },
  ],
  tenants: [
    tenant({
      slug: "admin-home",
      name: "Admin Home",
      contactEmail: "root@admin.e2e.test",
      members: members({ "root@admin.e2e.test": "admin" }),
    }),
    tenant({
      slug: "admin-capped",
      name: "Capped Co",
      contactEmail: "ops@admin.e2e.test",
      license: "team",
      flowCap: 50,
      members: members({ "editor@admin.e2e.test": "editor" }),
      flows: [
        { name: "Capped one", steps: ["validate"] },
        { name: "Capped two", steps: ["validate", "notify"] },
        { name: "Capped three", steps: ["transform"] },
      ],
    }),
    tenant({
      slug: "admin-visited",
      name: "Visited Inc",
      contactEmail: "owner@admin.e2e.test",
      members: members({ "owner@admin.e2e.test": "admin" }),
      flows: [{ name: "Visited flow", steps: ["validate"] }],
    }),
    // Its limits are set by e2e/admin/usage-limits.spec.ts.
    tenant({
      slug: "admin-metered",
      name: "Metered Ltd",
      contactEmail: "metered@admin.e2e.test",
      members: members({ "metered@admin.e2e.test": "admin", "meter-reader@admin.e2e.test": "editor" }),
      flows: [{ name: "Metered flow", steps: ["validate"] }],
    }),
  ],
} satisfies SeedWorld;
