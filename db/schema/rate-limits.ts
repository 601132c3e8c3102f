import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

// Global table: fixed-window counters (e.g. magic-link requests per address and per IP).
// Kept in PostgreSQL so every app server sees the same counts.
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { mode: "date", withTimezone: true }).notNull(),
    hits: integer("hits").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
