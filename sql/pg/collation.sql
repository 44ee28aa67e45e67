-- User collations (CREATE COLLATION): provider, locale (ICU; colliculocale in 15-16, colllocale from 17,
-- read through to_jsonb so one query serves every version), lc_collate/lc_ctype (libc) and determinism.
SELECT co.oid, n.nspname::text AS schema, co.collname::text AS name,
       CASE co.collprovider WHEN 'i' THEN 'icu' WHEN 'c' THEN 'libc' WHEN 'b' THEN 'builtin' ELSE 'default' END AS provider,
       coalesce(to_jsonb(co) ->> 'colllocale', to_jsonb(co) ->> 'colliculocale') AS locale,
       co.collcollate::text AS lc_collate, co.collctype::text AS lc_ctype,
       co.collisdeterministic AS deterministic,
       ds.description AS comment
FROM pg_collation co
JOIN pg_namespace n ON n.oid = co.collnamespace
LEFT JOIN pg_description ds ON ds.objoid = co.oid AND ds.classoid = 'pg_collation'::regclass AND ds.objsubid = 0
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_collation'::regclass AND e.objid = co.oid AND e.deptype = 'e')
ORDER BY n.nspname, co.collname
