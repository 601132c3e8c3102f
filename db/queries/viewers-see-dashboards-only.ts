// The tenant's "Viewers see dashboards only" setting (lib/permissions.ts), read as one more column of
// the statement that already reads the caller (the write core's re-read of a membership, an API key or
// an integration), so authorizing spends no statement on it.
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { tenants } from "../schema";

export const viewersSeeDashboardsOnlyOf = (tenantId: SQL | AnyPgColumn | string): SQL<boolean> =>
  sql<boolean>`coalesce((select ${tenants.viewersSeeDashboardsOnly} from ${tenants} where ${tenants.id} = ${tenantId}), false)`;
