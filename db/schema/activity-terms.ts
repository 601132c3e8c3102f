import { customType, foreignKey, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { activity } from "./activity";

// Byte order ("C"), so that every term starting with a word lies in one btree range
// [word, word || U+10FFFF) whatever the database's collation.
const cText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

// Tenant table: the activity log's word index, for "Search". One row per distinct lower-cased word
// (2+ letters or digits) of an entry's summary, written by a trigger on activity (migration
// activity_terms_rls_trigger) in the same statement as the entry. created_at is copied so a word's
// entries come out of the primary key in time order, like the log itself.
export const activityTerms = pgTable(
  "activity_terms",
  {
    tenantId: uuid("tenant_id").notNull(),
    term: cText("term").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    activityId: uuid("activity_id").notNull(),
  },
  (t) => [
    // A constraint's columns take no DESC: newest first is the same btree read backwards.
    primaryKey({ columns: [t.tenantId, t.term, t.createdAt, t.activityId] }),
    foreignKey({ columns: [t.tenantId, t.activityId], foreignColumns: [activity.tenantId, activity.id] }).onDelete("cascade"),
  ],
);
