-- Hand-written: the activity log's word index for "Search" (table activity_terms, created by
-- drizzle-kit in the migration before this one): what a word is, the trigger that fills the index,
-- its row-level security, grants and backfill. The application's side: db/queries/activity-search.ts.
--
-- Why a table of words: under row-level security PostgreSQL uses a condition as an index condition
-- only if its operator is LEAKPROOF (otherwise it must run after the policy). ILIKE, regular
-- expressions and full-text @@ are not, so no index on activity.summary could narrow a search (the
-- trigram index activity_summary_trgm was never used; it is dropped). Text comparisons are leakproof,
-- and every word starting with "pay" lies in one range ["pay", "pay" || U+10FFFF) of activity_terms'
-- primary key (term is in byte order, COLLATE "C").

-- What a word is, in one place for the trigger, the backfill and the application's queries (which
-- split what users type with it too): the text in lower case, split on anything that is not a letter
-- or a digit, each piece cut to its first 64 characters (so that no token can make an index entry too
-- large, which would fail the insert and with it the action being recorded).
CREATE FUNCTION activity_words(content text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT DISTINCT left(w, 64) FROM regexp_split_to_table(lower(content), '[^[:alnum:]]+') AS w WHERE w <> '' $$;
--> statement-breakpoint
-- An entry's terms: its words of two characters or more (one-letter words are too common to index).
CREATE FUNCTION activity_terms_of(summary text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT w FROM activity_words(summary) AS w WHERE length(w) >= 2 $$;
--> statement-breakpoint
-- The words of what was typed in "Search": activity_words, called once per statement. STRICT keeps
-- PostgreSQL from inlining it, so the planner takes ROWS (a handful) instead of guessing 200 words,
-- which costs a search's planning statement high enough to compile it with JIT (~20 ms).
CREATE FUNCTION activity_search_words(typed text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 4
  AS $$ SELECT w FROM activity_words(typed) AS w $$;
--> statement-breakpoint
-- Whether a summary has a term starting with `word` (one of activity_words' pieces: letters and
-- digits only, so nothing in it is special to the regular expression): the same answer
-- as looking `word` up in the entry's activity_terms, computed from the summary itself. Queries use it
-- to test entries they already read in time order (after the policy, where a leakproof operator is not
-- needed). A term ends at the first character that is not a letter or digit or at its 64th, and a
-- `word` has at most 64 characters, so "a word of the summary starts with it" is the same test; a
-- one-character `word` needs a second character, as one-letter words are not terms.
CREATE FUNCTION activity_summary_has_word(summary text, word text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(summary) ~ ('(^|[^[:alnum:]])' || word || CASE WHEN length(word) = 1 THEN '[[:alnum:]]' ELSE '' END) $$;
--> statement-breakpoint
-- One INSERT per statement that adds entries, so a bulk insert indexes its entries in one pass. It
-- runs as the inserting role, under activity_terms' policy: the terms land in the entries' tenant,
-- in the same transaction (an entry rolled back leaves no terms).
CREATE FUNCTION activity_terms_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO activity_terms (tenant_id, term, created_at, activity_id)
  SELECT i.tenant_id, t.term, i.created_at, i.id FROM inserted i CROSS JOIN LATERAL activity_terms_of(i.summary) AS t(term);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER activity_terms_insert AFTER INSERT ON activity
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION activity_terms_after_insert();
--> statement-breakpoint
-- Like activity: append-only for the application (the cascade from activity deletes terms with the
-- owner's rights).
GRANT SELECT, INSERT ON activity_terms TO tenantry_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE ON activity_terms FROM tenantry_app;
--> statement-breakpoint
ALTER TABLE activity_terms ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE activity_terms FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON activity_terms
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
-- /admin/activity searches every tenant's log: the same read-only rule as activity's (0005).
CREATE POLICY superadmin_read ON activity_terms FOR SELECT
  USING ((SELECT u.is_superadmin FROM users u
    WHERE u.id = nullif(current_setting('app.platform_user_id', true), '')::uuid) IS TRUE);
--> statement-breakpoint
-- Backfill, one tenant at a time: FORCE ROW LEVEL SECURITY applies to a non-superuser owner too. The
-- trigger already exists, and took a lock that holds off new entries until this migration commits,
-- so no entry is indexed twice or missed.
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    INSERT INTO activity_terms (tenant_id, term, created_at, activity_id)
    SELECT a.tenant_id, w.term, a.created_at, a.id FROM activity a CROSS JOIN LATERAL activity_terms_of(a.summary) AS w(term)
    WHERE a.tenant_id = t.id;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;
