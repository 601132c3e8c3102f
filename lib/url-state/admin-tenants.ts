// The superadmin's tenants table (/admin): sortable columns, the name or slug search, paging.
import type { PlatformTenantSort } from "@/db/queries/platform-tenants";
import { defineUrlState } from "./define";
import { pageField, sizeField, sortFields, textField } from "./fields";

// The query's own list lives with its SQL (server only); `satisfies` keeps this one a subset of it.
const TENANT_SORTABLE = ["name", "slug", "license", "flowCap", "flowCount", "memberCount", "createdAt"] as const satisfies readonly PlatformTenantSort[];

export const adminTenantsUrlState = defineUrlState({
  page: pageField,
  size: sizeField(25),
  ...sortFields({ sortable: TENANT_SORTABLE, defaultSort: "name", defaultDir: "asc" }),
  q: textField(200),
});
