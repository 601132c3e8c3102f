CREATE TABLE "data_table_row_words" (
	"tenant_id" uuid NOT NULL,
	"table_id" uuid NOT NULL,
	"word" text COLLATE "C" NOT NULL,
	"row_seq" bigint NOT NULL,
	CONSTRAINT "data_table_row_words_pk" PRIMARY KEY("tenant_id","table_id","word","row_seq")
);
--> statement-breakpoint
DROP INDEX "data_table_rows_words";--> statement-breakpoint
ALTER TABLE "data_table_row_words" ADD CONSTRAINT "data_table_row_words_table_fk" FOREIGN KEY ("tenant_id","table_id") REFERENCES "public"."data_tables"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_table_rows" DROP COLUMN "words";--> statement-breakpoint
-- Hand-written: the data tables' word index for the rows page's search (issue 14, item 1; table
-- data_table_row_words above, db/schema/data-table-row-words.ts): what a word is, the triggers that
-- keep the index with the rows, its row-level security, grants and backfill. The application's side:
-- db/queries/data-table-row-search.ts.
--
-- Why: under row-level security PostgreSQL uses a condition as an index condition only if its
-- operator is LEAKPROOF; full-text @@ is not, so the GIN index on the rows' tsvector (dropped above,
-- with its column) never narrowed a search: a rare word or one no row has read the whole table.
-- Text comparisons are leakproof, and every word starting with "zeph" lies in one range
-- ["zeph", "zeph" || U+10FFFF) of the primary key (word in byte order, COLLATE "C"). The same design
-- as the activity log's activity_terms (migration activity_terms_rls_trigger).

-- A row's words: its text values (JSON strings; numbers and booleans are not words, as before) in
-- lower case, split on anything that is not a letter or a digit, each cut to its first 64 characters
-- (no value can make an index entry too large and fail the write). The application splits what is
-- typed in the search box with the same function (data_table_search_words).
CREATE FUNCTION data_row_words(row_values jsonb) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT DISTINCT left(w, 64)
    FROM jsonb_each(row_values) AS e(key, value), regexp_split_to_table(lower(e.value #>> '{}'), '[^[:alnum:]]+') AS w
    WHERE jsonb_typeof(e.value) = 'string' AND w <> '' $$;
--> statement-breakpoint
-- The words typed in the search box, split as data_row_words splits values. STRICT keeps PostgreSQL
-- from inlining it, so the planner takes ROWS (a handful) instead of guessing 1,000.
CREATE FUNCTION data_table_search_words(typed text[]) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 4
  AS $$ SELECT DISTINCT left(w, 64) FROM unnest(typed) AS t, regexp_split_to_table(lower(t), '[^[:alnum:]]+') AS w WHERE w <> '' $$;
--> statement-breakpoint
-- Whether a row has a word starting with `word` (one of data_table_search_words' pieces: letters and
-- digits only, nothing special to a regular expression or a jsonpath string): the same answer as
-- looking it up in the row's index entries, computed from the values. The search tests rows it
-- already reads in the page's order with it (after the policy, where no leakproof operator is needed).
-- A word has at most 64 characters, so "starts a word of the value" and "starts the word cut to 64"
-- are the same test; matching without case ("i") is lower() on both sides. One jsonpath expression,
-- so PostgreSQL inlines the function and folds the path into a constant: ~3 µs a row, where a
-- jsonb_each() subquery costs several times that (and a statement's first call far more).
CREATE FUNCTION data_row_has_word(row_values jsonb, word text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT jsonb_path_exists(row_values, ('$.* ? (@.type() == "string" && @ like_regex "(^|[^[:alnum:]])' || word || '" flag "i")')::jsonpath) $$;
--> statement-breakpoint
-- The triggers: one statement each per statement that writes rows (an import's batch is indexed in
-- one pass), in the same transaction. SECURITY DEFINER: the runtime role may only read the index,
-- so nothing but a row write changes it; the owner is still under the index's forced policy, so the
-- words land in the scope's tenant only (the rows' own policy already holds them to it).
CREATE FUNCTION data_row_words_after_insert() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO data_table_row_words (tenant_id, table_id, word, row_seq)
  SELECT i.tenant_id, i.table_id, w.word, i.seq FROM inserted i CROSS JOIN LATERAL data_row_words(i.values) AS w(word);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- An edit changes only the entries of words that came or went (none when the values did not change:
-- a sort-key rewrite costs nothing here). Delete and insert touch different entries (EXCEPT), so they
-- run as one statement.
CREATE FUNCTION data_row_words_after_update() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  WITH changed AS (
    SELECT o.tenant_id AS old_tenant, o.table_id AS old_table, o.seq AS old_seq, o.values AS old_values,
           n.tenant_id AS new_tenant, n.table_id AS new_table, n.seq AS new_seq, n.values AS new_values
    FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
    WHERE o.values IS DISTINCT FROM n.values OR o.table_id <> n.table_id OR o.seq <> n.seq
  ),
  old_words AS (SELECT c.old_tenant AS tenant_id, c.old_table AS table_id, w.word, c.old_seq AS row_seq FROM changed c CROSS JOIN LATERAL data_row_words(c.old_values) AS w(word)),
  new_words AS (SELECT c.new_tenant AS tenant_id, c.new_table AS table_id, w.word, c.new_seq AS row_seq FROM changed c CROSS JOIN LATERAL data_row_words(c.new_values) AS w(word)),
  gone AS (
    DELETE FROM data_table_row_words x USING (SELECT * FROM old_words EXCEPT SELECT * FROM new_words) g
    WHERE x.tenant_id = g.tenant_id AND x.table_id = g.table_id AND x.word = g.word AND x.row_seq = g.row_seq
    RETURNING 1
  )
  INSERT INTO data_table_row_words (tenant_id, table_id, word, row_seq)
  SELECT * FROM new_words EXCEPT SELECT * FROM old_words;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A deleted row's entries, found by their full keys (the words computed again from the old values).
-- Rows deleted with their table (the foreign key's cascade) are skipped: the table's words went with
-- it in one range (data_table_row_words' own cascade), so probing them one by one would find nothing.
CREATE FUNCTION data_row_words_after_delete() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM data_table_row_words x
  USING (SELECT d.tenant_id, d.table_id, w.word, d.seq AS row_seq FROM deleted d CROSS JOIN LATERAL data_row_words(d.values) AS w(word)
         WHERE EXISTS (SELECT 1 FROM data_tables t WHERE t.tenant_id = d.tenant_id AND t.id = d.table_id)) g
  WHERE x.tenant_id = g.tenant_id AND x.table_id = g.table_id AND x.word = g.word AND x.row_seq = g.row_seq;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION data_row_words_after_insert() FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION data_row_words_after_update() FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION data_row_words_after_delete() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER data_row_words_insert AFTER INSERT ON data_table_rows
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION data_row_words_after_insert();
--> statement-breakpoint
CREATE TRIGGER data_row_words_update AFTER UPDATE ON data_table_rows
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_row_words_after_update();
--> statement-breakpoint
CREATE TRIGGER data_row_words_delete AFTER DELETE ON data_table_rows
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION data_row_words_after_delete();
--> statement-breakpoint
-- Read-only for the runtime role (the triggers write it). Not under the archived-tenant trigger: a
-- row write of an archived tenant is refused by data_table_rows' own before anything reaches this.
GRANT SELECT ON data_table_row_words TO tenantry_app;
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON data_table_row_words FROM tenantry_app;
--> statement-breakpoint
ALTER TABLE data_table_row_words ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE data_table_row_words FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON data_table_row_words
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
-- Backfill, one tenant at a time (FORCE ROW LEVEL SECURITY applies to the owner too). The insert
-- trigger already exists and this migration's lock on data_table_rows holds off row writes until it
-- commits, so no row is indexed twice or missed.
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    INSERT INTO data_table_row_words (tenant_id, table_id, word, row_seq)
    SELECT r.tenant_id, r.table_id, w.word, r.seq FROM data_table_rows r CROSS JOIN LATERAL data_row_words(r.values) AS w(word)
    WHERE r.tenant_id = t.id;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;
