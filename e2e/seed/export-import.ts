// The export/import area's own world (issue 16, item 3): a source tenant with flows and an approved
// domain, and an empty target tenant, both administered by one user, and a superadmin who writes a
// workspace table template. Only export-import specs use them.
import type { SeedWorld } from "../../db/seed";
import { members, tenant } from "./world";

export const EXPORT_IMPORT_PASSWORD = "export import admin passphrase";

export const EXPORT_IMPORT_WORLD = {
  users: [
    { email: "admin@export.e2e.test", name: "Ezra Export", password: EXPORT_IMPORT_PASSWORD },
    // Writes the workspace table template the source tenant makes a table from (a member of no tenant).
    { email: "root@export.e2e.test", name: "Rhea Root", password: EXPORT_IMPORT_PASSWORD, isSuperadmin: true },
  ],
  tenants: [
    tenant({
      slug: "export-source",
      name: "Export Source",
      contactEmail: "ops@export.e2e.test",
      license: "enterprise",
      flowCap: 10,
      approvedDomains: ["export.e2e.test"],
      flows: [
        { name: "Nightly sync", steps: ["validate", "transform"] },
        { name: "Checksums", steps: ["checksum"] },
      ],
      members: members({ "admin@export.e2e.test": "admin" }),
    }),
    tenant({ slug: "export-target", name: "Export Target", contactEmail: "target@export.e2e.test", license: "enterprise", flowCap: 10, members: members({ "admin@export.e2e.test": "admin" }) }),
  ],
} satisfies SeedWorld;
