-- Extended statistics objects in the filtered schemas on tables (foreign ones too) and materialized views,
-- compared by pg_get_statisticsobjdef and their statistics target.
SELECT s.oid, n.nspname::text AS schema, s.stxname::text AS name,
       tn.nspname::text AS table_schema, c.relname::text AS table_name, c.relkind = 'm' AS on_view,
       pg_get_statisticsobjdef(s.oid) AS definition,
       /*>=170000 s.stxstattarget::int4 ELSE*/ nullif(s.stxstattarget, -1)::int4 /*END*/ AS target,
       obj_description(s.oid, 'pg_statistic_ext') AS comment
FROM pg_statistic_ext s
JOIN pg_namespace n ON n.oid = s.stxnamespace
JOIN pg_class c ON c.oid = s.stxrelid
JOIN pg_namespace tn ON tn.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
                  AND d.classid = 'pg_statistic_ext'::regclass AND d.objid = s.oid)
ORDER BY n.nspname, s.stxname
