// The demo's people and tenants. Sign-in addresses are printed when `npm run demo` starts.
import type { SeedWorld } from "./seed";

export const DEMO_WORLD = {
  users: [
    { email: "root@tenantry.test", name: "Root Superadmin", isSuperadmin: true, canCreateTenants: true, tenantLimit: 10 },
    { email: "alice@acme.test", name: "Alice Admin", canCreateTenants: true, tenantLimit: 3 },
    { email: "bob@acme.test", name: "Bob Editor" },
    { email: "carol@acme.test", name: "Carol Viewer" },
    { email: "gina@globex.test", name: "Gina Globex" },
    { email: "ivan@initech.test", name: "Ivan Initech" },
    { email: "peter@initech.test", name: "Peter Gibbons" },
  ],
  tenants: [
    {
      slug: "acme",
      name: "Acme Corp",
      contactEmail: "ops@acme.test",
      license: "team",
      flowCap: 50,
      members: [
        { email: "alice@acme.test", roles: ["admin"] },
        { email: "bob@acme.test", roles: ["editor"] },
        { email: "carol@acme.test", roles: ["viewer"] },
      ],
      flows: [
        { name: "Invoice sync", steps: ["validate", "transform", "checksum"] },
        { name: "Welcome new customers", steps: ["validate", "notify"] },
      ],
    },
    {
      slug: "globex",
      name: "Globex",
      contactEmail: "it@globex.test",
      license: "free",
      flowCap: 5,
      members: [
        { email: "gina@globex.test", roles: ["admin"] },
        // Alice belongs to two tenants: the switcher has something to switch between.
        { email: "alice@acme.test", roles: ["viewer"] },
      ],
      flows: [{ name: "Weekly report", steps: ["validate", "transform", "notify"] }],
    },
    {
      slug: "initech",
      name: "Initech",
      contactEmail: "tps@initech.test",
      license: "enterprise",
      flowCap: 1000,
      members: [
        { email: "ivan@initech.test", roles: ["admin"] },
        { email: "peter@initech.test", roles: ["viewer", "editor"] },
      ],
    },
  ],
} satisfies SeedWorld;
