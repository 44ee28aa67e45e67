-- User triggers (row/statement, BEFORE/AFTER/INSTEAD OF, WHEN, transition tables, constraint triggers) on
-- in-scope tables and views (a partition's clone of its parent's trigger is the parent's), compared by pg_get_triggerdef, with their firing state (tgenabled).
SELECT t.oid, n.nspname::text AS schema, c.relname::text AS table_name, t.tgname::text AS name,
       pg_get_triggerdef(t.oid) AS definition, t.tgenabled::text AS enabled,
       ds.description AS comment
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description ds ON ds.objoid = t.oid AND ds.classoid = 'pg_trigger'::regclass AND ds.objsubid = 0
WHERE NOT t.tgisinternal AND c.relkind IN ('r', 'p', 'v', 'f')
  AND t.tgparentid = 0
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
ORDER BY n.nspname, c.relname, t.tgname
