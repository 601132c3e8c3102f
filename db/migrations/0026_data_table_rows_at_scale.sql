-- Data tables at scale (issue 14, item 1): a page of a 1,000,000-row table reads an index, never
-- the whole table. Rows get an insertion sequence (seq, the keyset of the default order) and one
-- order-preserving text key per column position (sort_keys, written by lib/data-tables/sort-keys.ts);
-- one partial index per position serves sorting and filtering by that column; the words of the text
-- values are stored (words) under a GIN index for the search.
-- Tables keep their row count (the page's total and the license's row limit).
DROP INDEX "data_table_rows_table_created";--> statement-breakpoint
ALTER TABLE "data_table_rows" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "data_table_rows_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "data_table_rows" ADD COLUMN "sort_keys" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "data_table_rows" ADD COLUMN "words" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "values")) STORED;--> statement-breakpoint
ALTER TABLE "data_tables" ADD COLUMN "row_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "data_table_rows_table_seq" ON "data_table_rows" USING btree ("tenant_id","table_id","seq");--> statement-breakpoint
CREATE INDEX "data_table_rows_key_0" ON "data_table_rows" USING btree ("tenant_id","table_id",("sort_keys"[1]),"seq") WHERE cardinality("data_table_rows"."sort_keys") > 0;--> statement-breakpoint
CREATE INDEX "data_table_rows_key_1" ON "data_table_rows" USING btree ("tenant_id","table_id",("sort_keys"[2]),"seq") WHERE cardinality("data_table_rows"."sort_keys") > 1;--> statement-breakpoint
CREATE INDEX "data_table_rows_key_2" ON "data_table_rows" USING btree ("tenant_id","table_id",("sort_keys"[3]),"seq") WHERE cardinality("data_table_rows"."sort_keys") > 2;--> statement-breakpoint
CREATE INDEX "data_table_rows_key_3" ON "data_table_rows" USING btree ("tenant_id","table_id",("sort_keys"[4]),"seq") WHERE cardinality("data_table_rows"."sort_keys") > 3;--> statement-breakpoint
CREATE INDEX "data_table_rows_key_4" ON "data_table_rows" USING btree ("tenant_id","table_id",("sort_keys"[5]),"seq") WHERE cardinality("data_table_rows"."sort_keys") > 4;--> statement-breakpoint
CREATE INDEX "data_table_rows_key_5" ON "data_table_rows" USING btree ("tenant_id","table_id",("sort_keys"[6]),"seq") WHERE cardinality("data_table_rows"."sort_keys") > 5;--> statement-breakpoint
CREATE INDEX "data_table_rows_key_6" ON "data_table_rows" USING btree ("tenant_id","table_id",("sort_keys"[7]),"seq") WHERE cardinality("data_table_rows"."sort_keys") > 6;--> statement-breakpoint
CREATE INDEX "data_table_rows_key_7" ON "data_table_rows" USING btree ("tenant_id","table_id",("sort_keys"[8]),"seq") WHERE cardinality("data_table_rows"."sort_keys") > 7;--> statement-breakpoint
CREATE INDEX "data_table_rows_key_8" ON "data_table_rows" USING btree ("tenant_id","table_id",("sort_keys"[9]),"seq") WHERE cardinality("data_table_rows"."sort_keys") > 8;--> statement-breakpoint
CREATE INDEX "data_table_rows_key_9" ON "data_table_rows" USING btree ("tenant_id","table_id",("sort_keys"[10]),"seq") WHERE cardinality("data_table_rows"."sort_keys") > 9;--> statement-breakpoint
CREATE INDEX "data_table_rows_key_10" ON "data_table_rows" USING btree ("tenant_id","table_id",("sort_keys"[11]),"seq") WHERE cardinality("data_table_rows"."sort_keys") > 10;--> statement-breakpoint
CREATE INDEX "data_table_rows_key_11" ON "data_table_rows" USING btree ("tenant_id","table_id",("sort_keys"[12]),"seq") WHERE cardinality("data_table_rows"."sort_keys") > 11;--> statement-breakpoint
CREATE INDEX "data_table_rows_words" ON "data_table_rows" USING gin ("words");--> statement-breakpoint
-- The counts of the rows written before this migration, across tenants: the owner lifts the forced
-- row-level security for this one statement and forces it again in the same transaction.
ALTER TABLE "data_tables" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "data_table_rows" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
UPDATE "data_tables" t SET "row_count" = (SELECT count(*) FROM "data_table_rows" r WHERE r.tenant_id = t.tenant_id AND r.table_id = t.id);
--> statement-breakpoint
-- The sort keys of the rows written before this migration, as lib/data-tables/sort-keys.ts makes them
-- (without them those rows would be missing from every sorted or filtered view): empty → null; number →
-- the IEEE-754 bits made order-preserving, 16 hex digits; boolean → 'true' / 'false'; text and date →
-- the first 200 characters.
UPDATE "data_table_rows" r SET "sort_keys" = coalesce((
  SELECT array_agg(
    CASE
      WHEN jsonb_typeof(r."values" -> (c.col ->> 'name')) IS NULL OR jsonb_typeof(r."values" -> (c.col ->> 'name')) = 'null' THEN NULL
      WHEN c.col ->> 'type' = 'number' AND jsonb_typeof(r."values" -> (c.col ->> 'name')) = 'number' THEN (
        SELECT CASE WHEN n < 0 THEN lpad(to_hex(~b), 16, '0') ELSE lpad(to_hex(b | (-9223372036854775808)::bigint), 16, '0') END
        FROM (SELECT n, ('x' || encode(float8send(CASE WHEN n = 0 THEN 0::float8 ELSE n END), 'hex'))::bit(64)::bigint AS b
              FROM (SELECT (r."values" ->> (c.col ->> 'name'))::float8 AS n) AS number_value) AS number_bits)
      WHEN c.col ->> 'type' = 'boolean' THEN CASE WHEN r."values" -> (c.col ->> 'name') = 'true'::jsonb THEN 'true' ELSE 'false' END
      ELSE left(r."values" ->> (c.col ->> 'name'), 200)
    END ORDER BY c.ord)
  FROM "data_tables" t, jsonb_array_elements(t."columns") WITH ORDINALITY AS c(col, ord)
  WHERE t.tenant_id = r.tenant_id AND t.id = r.table_id), '{}')
WHERE cardinality(r."sort_keys") = 0;
--> statement-breakpoint
ALTER TABLE "data_tables" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "data_table_rows" FORCE ROW LEVEL SECURITY;
