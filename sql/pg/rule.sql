-- Rewrite rules (not a view's _RETURN rule) on in-scope tables and views, compared by pg_get_ruledef, with
-- their firing state (ev_enabled: O, D, R, A as a trigger's).
SELECT r.oid, n.nspname::text AS schema, c.relname::text AS table_name, r.rulename::text AS name,
       pg_get_ruledef(r.oid) AS definition, r.ev_enabled::text AS enabled,
       obj_description(r.oid, 'pg_rewrite') AS comment
FROM pg_rewrite r
JOIN pg_class c ON c.oid = r.ev_class
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
ORDER BY n.nspname, c.relname, r.rulename
