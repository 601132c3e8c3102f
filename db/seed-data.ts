// The demo's people and tenants. Sign-in addresses are printed when `npm run demo` starts.
import type { SeedActivity, SeedWorld } from "./seed";

// A month of Acme's history, so the activity page and its chart have something to show.
const ACME_ACTIVITY: SeedActivity[] = [
  { daysAgo: 29, actor: "alice@acme.test", action: "settings.updated", targetType: "tenant", summary: "alice@acme.test changed the contact email to ops@acme.test", ip: "203.0.113.10" },
  { daysAgo: 27, actor: "alice@acme.test", action: "domain.added", targetType: "domain", targetId: "acme.test", summary: "alice@acme.test approved the domain acme.test", ip: "203.0.113.10" },
  { daysAgo: 24, actor: "bob@acme.test", action: "flow.created", targetType: "flow", targetId: "demo-invoices", summary: 'bob@acme.test created the flow "Sync invoices"', ip: "198.51.100.7" },
  { daysAgo: 23, actor: "bob@acme.test", action: "flow.run", targetType: "flow", targetId: "demo-invoices", summary: 'bob@acme.test ran "Sync invoices": 42 records', ip: "198.51.100.7" },
  { daysAgo: 20, action: "flow.run", targetType: "flow", targetId: "demo-invoices", summary: '"Sync invoices" ran on schedule: 17 records' },
  { daysAgo: 18, actor: "bob@acme.test", action: "flow.updated", targetType: "flow", targetId: "demo-invoices", summary: 'bob@acme.test changed the steps of "Sync invoices"', ip: "198.51.100.7" },
  { daysAgo: 15, action: "flow.run_failed", targetType: "flow", targetId: "demo-invoices", summary: '"Sync invoices" failed: the CRM answered 503' },
  { daysAgo: 14, actor: "alice@acme.test", action: "member.roles_changed", targetType: "user", summary: "alice@acme.test made carol@acme.test a Viewer", ip: "203.0.113.10" },
  { daysAgo: 12, actor: "bob@acme.test", action: "flow.created", targetType: "flow", targetId: "demo-payroll", summary: 'bob@acme.test created the flow "Export payroll"', ip: "198.51.100.7" },
  { daysAgo: 9, action: "flow.run", targetType: "flow", targetId: "demo-payroll", summary: '"Export payroll" ran on schedule: 120 records' },
  { daysAgo: 7, actor: "carol@acme.test", action: "activity.exported", targetType: "tenant", summary: "carol@acme.test exported the activity log as CSV", ip: "192.0.2.33" },
  { daysAgo: 5, action: "flow.run", targetType: "flow", targetId: "demo-invoices", summary: '"Sync invoices" ran on schedule: 23 records' },
  { daysAgo: 3, actor: "alice@acme.test", action: "settings.updated", targetType: "tenant", summary: "alice@acme.test switched magic link login on", ip: "203.0.113.10" },
  { daysAgo: 2, action: "flow.run", targetType: "flow", targetId: "demo-payroll", summary: '"Export payroll" ran on schedule: 118 records' },
  { daysAgo: 1, actor: "bob@acme.test", action: "flow.run", targetType: "flow", targetId: "demo-invoices", summary: 'bob@acme.test ran "Sync invoices": 8 records', ip: "198.51.100.7" },
];

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
      activity: ACME_ACTIVITY,
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
