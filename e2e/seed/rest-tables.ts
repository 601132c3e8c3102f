// The REST API's tables and rows, end to end: two tenants with the same Admin, each to get an API key
// made on its API keys page; what one key writes shows on its tenant's tables page, and the other
// tenant's key finds none of it.
import type { SeedWorld } from "../../db/seed";
import { members, tenant, users } from "./world";

export const REST_TABLES_TENANT = "rest-tables";
export const REST_TABLES_OTHER_TENANT = "rest-tables-other";
export const REST_TABLES_ADMIN = "admin@rest-tables.e2e.test";

export const REST_TABLES_WORLD = {
  users: users({ [REST_TABLES_ADMIN]: "Rest Admin" }),
  tenants: [
    tenant({ slug: REST_TABLES_TENANT, name: "Rest Tables", contactEmail: REST_TABLES_ADMIN, members: members({ [REST_TABLES_ADMIN]: "admin" }) }),
    tenant({ slug: REST_TABLES_OTHER_TENANT, name: "Rest Tables Other", contactEmail: REST_TABLES_ADMIN, members: members({ [REST_TABLES_ADMIN]: "admin" }) }),
  ],
} satisfies SeedWorld;
