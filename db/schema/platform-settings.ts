import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable } from "drizzle-orm/pg-core";

// Global table: settings of the whole platform, one row (id is always true). Readable by the app
// (checked on every API request and every superadmin request), changed by superadmins only: the
// console's role (tenantry_platform) holds the only UPDATE grant (migration 0018).
export const platformSettings = pgTable(
  "platform_settings",
  {
    id: boolean("id").primaryKey().default(true),
    // The API requests per minute all tenants share (issue 13, item 4); null is no limit.
    apiRequestsPerMinute: integer("api_requests_per_minute"),
    // Whether every superadmin must pass two-factor (issue 15, item 3).
    superadminTwoFactorRequired: boolean("superadmin_two_factor_required").notNull().default(false),
  },
  (t) => [
    check("platform_settings_one_row", sql`${t.id}`),
    check("platform_settings_api_requests_per_minute_positive", sql`${t.apiRequestsPerMinute} > 0`),
  ],
);
