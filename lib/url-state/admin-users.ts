// The superadmin's users table (/admin/users): sortable columns, the email or name search, paging.
import type { PlatformUserSort } from "@/db/queries/platform-users";
import { defineUrlState } from "./define";
import { pageField, sizeField, sortFields, textField } from "./fields";

// The query's own list lives with its SQL (server only); `satisfies` keeps this one a subset of it.
const USER_SORTABLE = ["email", "tenantsOwned", "tenantLimit", "createdAt"] as const satisfies readonly PlatformUserSort[];

export const adminUsersUrlState = defineUrlState({
  page: pageField,
  size: sizeField(25),
  ...sortFields({ sortable: USER_SORTABLE, defaultSort: "email", defaultDir: "asc" }),
  q: textField(200),
});
