ALTER TABLE "connections" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand-written. Dashboard widgets name their table's columns by value key from now on (valueKeyOf in
-- lib/data-tables/column-rules.ts: a plain table's column name; a template table's "t:<key>:<type>" or
-- "x:<key>", which stays when the column is relabelled). Widgets stored before named them by label:
-- each such label becomes the key of the column the widget read until now, found as the widget read it
-- (lib/dashboards/widget-data.ts before this change): the first column of the table as it reads
-- (lib/templates/effective-table.ts: its stored columns in order with their current labels, then the
-- template's and the tenant's columns not stored yet) with that label, and for a Number's column or a
-- Chart's date column, of that type. A label no column has any more is left as it is (the widget
-- already showed "Source removed" and still does). Plain tables' keys are their names: nothing changes.
-- The owner lifts the forced row-level security (across tenants) and the archived tenants' read-only
-- trigger for these statements, and restores both in the same transaction (as 0026 does).
CREATE FUNCTION "migration_widget_column_key"(p_tenant uuid, p_table text, p_label text, p_type text) RETURNS text
LANGUAGE sql STABLE AS $$
  WITH use_of_table AS (
    SELECT u."column_labels", u."extra_columns", t."columns" AS "template_columns"
    FROM "table_template_uses" u JOIN "table_templates" t ON t."id" = u."template_id"
    WHERE u."tenant_id" = p_tenant AND u."table_id"::text = p_table
  ),
  wanted AS (
    SELECT 't:' || (c.col ->> 'key') || ':' || (c.col ->> 'type') AS "key",
           coalesce(u."column_labels" ->> (c.col ->> 'key'), c.col ->> 'name') AS "name", c.col ->> 'type' AS "type", c.ord AS "ord"
    FROM use_of_table u, jsonb_array_elements(u."template_columns") WITH ORDINALITY AS c(col, ord)
    UNION ALL
    SELECT 'x:' || (c.col ->> 'key'), c.col ->> 'name', c.col ->> 'type', 100000 + c.ord
    FROM use_of_table u, jsonb_array_elements(coalesce(u."extra_columns", '[]'::jsonb)) WITH ORDINALITY AS c(col, ord)
  ),
  stored AS (
    SELECT coalesce(c.col ->> 'key', c.col ->> 'name') AS "key", c.col ->> 'name' AS "name", c.col ->> 'type' AS "type", c.ord AS "ord"
    FROM "data_tables" d, jsonb_array_elements(d."columns") WITH ORDINALITY AS c(col, ord)
    WHERE d."tenant_id" = p_tenant AND d."id"::text = p_table
  ),
  effective AS (
    SELECT s."key", coalesce(w."name", s."name") AS "name", coalesce(w."type", s."type") AS "type", s."ord" AS "ord"
    FROM stored s LEFT JOIN wanted w ON w."key" = s."key"
    UNION ALL
    SELECT w."key", w."name", w."type", 1000000 + w."ord" FROM wanted w WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s."key" = w."key")
  )
  SELECT "key" FROM effective WHERE "name" = p_label AND (p_type IS NULL OR "type" = p_type) ORDER BY "ord" LIMIT 1
$$;
--> statement-breakpoint
ALTER TABLE "dashboard_widgets" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "data_tables" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "table_template_uses" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "dashboard_widgets" DISABLE TRIGGER archived_tenant_read_only;
--> statement-breakpoint
UPDATE "dashboard_widgets" SET "config" = jsonb_set("config", '{column}', to_jsonb(migration_widget_column_key("tenant_id", "config" ->> 'tableId', "config" ->> 'column', 'number')))
WHERE "kind" = 'number' AND "config" ->> 'source' = 'table' AND jsonb_typeof("config" -> 'column') = 'string'
  AND migration_widget_column_key("tenant_id", "config" ->> 'tableId', "config" ->> 'column', 'number') IS NOT NULL;
--> statement-breakpoint
UPDATE "dashboard_widgets" SET "config" = jsonb_set("config", '{dateColumn}', to_jsonb(migration_widget_column_key("tenant_id", "config" ->> 'tableId', "config" ->> 'dateColumn', 'date')))
WHERE "kind" = 'chart' AND "config" ->> 'source' = 'table' AND jsonb_typeof("config" -> 'dateColumn') = 'string'
  AND migration_widget_column_key("tenant_id", "config" ->> 'tableId', "config" ->> 'dateColumn', 'date') IS NOT NULL;
--> statement-breakpoint
UPDATE "dashboard_widgets" w SET "config" = jsonb_set(w."config", '{columns}', (
  SELECT jsonb_agg(coalesce(to_jsonb(migration_widget_column_key(w."tenant_id", w."config" ->> 'tableId', c.label #>> '{}', NULL)), c.label) ORDER BY c.ord)
  FROM jsonb_array_elements(w."config" -> 'columns') WITH ORDINALITY AS c(label, ord)))
WHERE w."kind" = 'table' AND w."config" ->> 'source' = 'table' AND jsonb_typeof(w."config" -> 'columns') = 'array' AND jsonb_array_length(w."config" -> 'columns') > 0;
--> statement-breakpoint
ALTER TABLE "dashboard_widgets" ENABLE TRIGGER archived_tenant_read_only;
--> statement-breakpoint
ALTER TABLE "dashboard_widgets" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "data_tables" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "table_template_uses" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP FUNCTION "migration_widget_column_key"(uuid, text, text, text);
