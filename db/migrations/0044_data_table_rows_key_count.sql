-- Rows written before a template added a column have fewer sort keys than their table has columns:
-- sorting by the new column lists them with the empty values (db/queries/data-table-row-page.ts),
-- read in insertion order from this index, one key count at a time. key_count is a plain column so
-- that its comparison is leakproof (cardinality() is not) and can be an index condition under
-- row-level security.
ALTER TABLE "data_table_rows" ADD COLUMN "key_count" integer GENERATED ALWAYS AS (cardinality(sort_keys)) STORED;--> statement-breakpoint
CREATE INDEX "data_table_rows_key_count" ON "data_table_rows" USING btree ("tenant_id","table_id","key_count","seq");