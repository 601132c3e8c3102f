// The data tables area's own world: one tenant with an Editor and a Viewer, no tables yet; and two
// more tenants of the same Editor, each to get its own table "customers" by CSV import.
import type { SeedWorld } from "../../db/seed";
import { members, tenant, users } from "./world";

export const TABLES_TENANT = "tables-team";
export const IMPORT_TENANTS = ["tables-north", "tables-south"] as const;

export const TABLES_PEOPLE = {
  editor: "editor@tables.e2e.test",
  viewer: "viewer@tables.e2e.test",
} as const;

export const TABLES_WORLD = {
  users: users({ [TABLES_PEOPLE.editor]: "Table Editor", [TABLES_PEOPLE.viewer]: "Table Viewer" }),
  tenants: [
    tenant({
      slug: TABLES_TENANT,
      name: "Table Team",
      contactEmail: TABLES_PEOPLE.editor,
      members: members({ [TABLES_PEOPLE.editor]: "editor", [TABLES_PEOPLE.viewer]: "viewer" }),
    }),
    ...IMPORT_TENANTS.map((slug) =>
      tenant({ slug, name: slug === "tables-north" ? "Tables North" : "Tables South", contactEmail: TABLES_PEOPLE.editor, members: members({ [TABLES_PEOPLE.editor]: "editor" }) }),
    ),
  ],
} satisfies SeedWorld;
