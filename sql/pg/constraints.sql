-- Table constraints (primary key, unique, foreign key, check, exclusion) of in-scope tables.
-- Constraints a partition or child only inherits (cloned from the parent: conparentid, or merged from it:
-- coninhcount) belong to the parent and are left out. conindid maps a constraint's own index (p, u, x) to the constraint in pg_depend translation.
-- Primary and foreign keys come back raw (definition NULL) and are rendered by the inspector from the column
-- names it already holds (src/inspect/pg/render.rs): pg_get_constraintdef fills cold caches one constraint
-- at a time, the largest cost of this query at 5,000 tables. A foreign key whose ON DELETE names columns
-- (PostgreSQL 15+) is still rendered here.
SELECT con.oid, con.conrelid AS table_oid, con.conname::text AS name, con.contype::text AS kind,
       CASE WHEN con.contype = 'p'
              OR (con.contype = 'f' AND /*>=150000 con.confdelsetcols IS NULL ELSE*/ true /*END*/) THEN NULL
            ELSE pg_get_constraintdef(con.oid) END AS definition,
       con.convalidated AS validated,
       CASE WHEN con.contype IN ('p', 'u', 'x') THEN con.conindid END AS index_oid,
       coalesce(ic.reloptions, '{}') AS index_options,
       ds.description AS comment,
       con.conkey AS keys, con.confkey AS ref_keys, con.confrelid AS ref_table,
       fn.nspname::text AS ref_schema, fc.relname::text AS ref_name,
       con.confmatchtype::text AS match_type, con.confupdtype::text AS on_update,
       con.confdeltype::text AS on_delete, con.condeferrable AS deferrable, con.condeferred AS deferred,
       ix.indkey::int2[] AS index_keys, ix.indnkeyatts::int4 AS index_key_count
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
LEFT JOIN pg_description ds ON ds.objoid = con.oid AND ds.classoid = 'pg_constraint'::regclass AND ds.objsubid = 0
LEFT JOIN pg_class ic ON ic.oid = con.conindid AND con.contype IN ('p', 'u', 'x')
LEFT JOIN pg_index ix ON ix.indexrelid = con.conindid AND con.contype = 'p'
LEFT JOIN pg_class fc ON fc.oid = con.confrelid AND con.contype = 'f'
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relkind IN ('r', 'p')
  AND con.conparentid = 0 AND con.coninhcount = 0
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
ORDER BY con.conrelid, con.conname
