-- Table constraints (primary key, unique, foreign key, check, exclusion) of in-scope tables.
-- Constraints a partition or child only inherits (cloned from the parent: conparentid, or merged from it:
-- coninhcount) belong to the parent and are left out. conindid maps a constraint's own index (p, u, x) to the constraint in pg_depend translation.
SELECT con.oid, con.conrelid AS table_oid, con.conname::text AS name, con.contype::text AS kind,
       pg_get_constraintdef(con.oid) AS definition, con.convalidated AS validated,
       CASE WHEN con.contype IN ('p', 'u', 'x') THEN con.conindid END AS index_oid,
       coalesce(ic.reloptions, '{}') AS index_options,
       ds.description AS comment
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
LEFT JOIN pg_description ds ON ds.objoid = con.oid AND ds.classoid = 'pg_constraint'::regclass AND ds.objsubid = 0
LEFT JOIN pg_class ic ON ic.oid = con.conindid AND con.contype IN ('p', 'u', 'x')
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relkind IN ('r', 'p')
  AND con.conparentid = 0 AND con.coninhcount = 0
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
ORDER BY con.conrelid, con.conname
