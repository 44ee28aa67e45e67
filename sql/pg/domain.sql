-- Domains with base type, collation (when not the base type's), default, NOT NULL and named CHECK
-- constraints (arrays ordered by constraint name; constraint OIDs map pg_depend rows to the domain).
SELECT t.oid, t.typarray AS array_oid, n.nspname::text AS schema, t.typname::text AS name,
       format_type(t.typbasetype, t.typtypmod) AS base,
       CASE WHEN t.typcollation <> bt.typcollation AND t.typcollation <> 0
            THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
       pg_get_expr(t.typdefaultbin, 0) AS default_expr,
       t.typnotnull AS not_null,
       coalesce((SELECT array_agg(c.oid ORDER BY c.conname) FROM pg_constraint c
                 WHERE c.contypid = t.oid AND c.contype = 'c'), '{}') AS constraint_oids,
       coalesce((SELECT array_agg(c.conname::text ORDER BY c.conname) FROM pg_constraint c
                 WHERE c.contypid = t.oid AND c.contype = 'c'), '{}') AS constraint_names,
       coalesce((SELECT array_agg(pg_get_constraintdef(c.oid) ORDER BY c.conname) FROM pg_constraint c
                 WHERE c.contypid = t.oid AND c.contype = 'c'), '{}') AS constraint_defs,
       coalesce((SELECT array_agg(c.convalidated ORDER BY c.conname) FROM pg_constraint c
                 WHERE c.contypid = t.oid AND c.contype = 'c'), '{}') AS constraint_valid,
       ds.description AS comment
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_collation co ON co.oid = t.typcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_description ds ON ds.objoid = t.oid AND ds.classoid = 'pg_type'::regclass AND ds.objsubid = 0
WHERE t.typtype = 'd'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend x
                  WHERE x.refclassid = 'pg_extension'::regclass AND x.classid = 'pg_type'::regclass AND x.objid = t.oid AND x.deptype = 'e')
ORDER BY n.nspname, t.typname
