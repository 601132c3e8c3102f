import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

// Global table: fixed-window counters (e.g. magic-link requests per address and IP, and per IP).
// Kept in PostgreSQL so every app server sees the same counts. `expires_at` (the window's end) lets
// expired rows of any key be purged (db/queries/rate-limits.ts).
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { mode: "date", withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }).notNull(),
    hits: integer("hits").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_limits_expires_at").on(t.expiresAt)],
);
