/** Request header set by proxy.ts: the path being viewed, for a visiting superadmin's page-view entry. */
export const VIEWED_PATH_HEADER = "x-tenantry-path";
