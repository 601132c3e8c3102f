import { bigint, customType, foreignKey, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { dataTables } from "./data-tables";

// Byte order ("C"), so that every word starting with what was typed lies in one btree range
// [word, word || U+10FFFF) whatever the database's collation (as activity_terms).
const cText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

// Tenant table: the data tables' word index, for the rows page's search (issue 14, item 1). One entry
// per distinct lower-cased word of a row's text values (data_row_words() in SQL), kept by triggers on
// data_table_rows in the same statement as the row (migration data_table_row_words). Searched with
// text comparisons, which are leakproof, so they narrow the search under row-level security where
// the GIN index on a tsvector could not (@@ is not leakproof).
// The row is named by its seq (unique, never changed, the rows page's keyset; half a uuid's size):
// a word's entries come out of the primary key in the order the rows were added.
// The runtime role only reads it: the triggers write it as the table's owner, still under its policy.
export const dataTableRowWords = pgTable(
  "data_table_row_words",
  {
    tenantId: uuid("tenant_id").notNull(),
    tableId: uuid("table_id").notNull(),
    word: cText("word").notNull(),
    rowSeq: bigint("row_seq", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ name: "data_table_row_words_pk", columns: [t.tenantId, t.tableId, t.word, t.rowSeq] }),
    // Deleting a table removes its words in one range of the primary key (not row by row).
    foreignKey({ name: "data_table_row_words_table_fk", columns: [t.tenantId, t.tableId], foreignColumns: [dataTables.tenantId, dataTables.id] }).onDelete("cascade"),
  ],
);
