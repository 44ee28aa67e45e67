-- Ordinary tables (relkind r) that are not partitions, inheritance children or extension members.
-- Partitioned and inheriting tables are reported by unmodelled.sql until they are modelled.
SELECT c.oid, n.nspname::text AS schema, c.relname::text AS name,
       c.relpersistence = 'u' AS unlogged,
       coalesce(c.reloptions, '{}') AS options,
       c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls,
       CASE c.relreplident WHEN 'f' THEN 'FULL' WHEN 'n' THEN 'NOTHING'
            WHEN 'i' THEN (SELECT 'USING INDEX ' || quote_ident(ic.relname) FROM pg_index x
                           JOIN pg_class ic ON ic.oid = x.indexrelid WHERE x.indrelid = c.oid AND x.indisreplident)
       END AS replica_identity,
       ds.description AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
WHERE c.relkind = 'r' AND NOT c.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid OR i.inhparent = c.oid)
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
ORDER BY n.nspname, c.relname
