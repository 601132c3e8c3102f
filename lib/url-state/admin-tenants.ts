// The superadmin's tenants table (/admin): sortable columns, the name or slug search, paging.
import type { PlatformTenantSort } from "@/db/queries/platform-tenants";
import { defineUrlState } from "./define";
import { oneOf, pageField, sizeField, sortFields, textField } from "./fields";

// The query's own list lives with its SQL (server only); `satisfies` keeps this one a subset of it.
const TENANT_SORTABLE = ["name", "slug", "license", "flowCap", "flowCount", "memberCount", "createdAt"] as const satisfies readonly PlatformTenantSort[];

export const adminTenantsUrlState = defineUrlState({
  page: pageField,
  // Each row holds four forms and a dialog trigger: 10 rows keep the page's HTML under 100 kB (issue 11).
  size: sizeField(10),
  ...sortFields({ sortable: TENANT_SORTABLE, defaultSort: "name", defaultDir: "asc" }),
  q: textField(200),
  // The Status filter (issue 14, item 5): none is all tenants.
  status: oneOf(["active", "archived"] as const, undefined),
});
