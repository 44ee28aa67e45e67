-- Installed extensions whose schema is in scope (plpgsql lives in pg_catalog and so is never listed).
SELECT x.oid, x.extname::text AS name, n.nspname::text AS schema, x.extversion AS version,
       x.extrelocatable AS relocatable,
       ds.description AS comment
FROM pg_extension x
JOIN pg_namespace n ON n.oid = x.extnamespace
LEFT JOIN pg_description ds ON ds.objoid = x.oid AND ds.classoid = 'pg_extension'::regclass AND ds.objsubid = 0
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
ORDER BY x.extname
