// The workspace templates' world (issue 14, item 3): a superadmin who writes templates and a tenant
// whose Editor uses one.
import type { SeedWorld } from "../../db/seed";
import { members, tenant } from "./world";

export const TEMPLATES_WORLD = {
  users: [
    { email: "root@templates.e2e.test", name: "Template Root", isSuperadmin: true },
    { email: "editor@templates.e2e.test", name: "Template Editor" },
  ],
  tenants: [
    tenant({ slug: "templates-root", name: "Template Home", contactEmail: "root@templates.e2e.test", members: members({ "root@templates.e2e.test": "admin" }) }),
    tenant({ slug: "templates-user", name: "Template Users", contactEmail: "editor@templates.e2e.test", members: members({ "editor@templates.e2e.test": "editor" }) }),
  ],
} satisfies SeedWorld;
