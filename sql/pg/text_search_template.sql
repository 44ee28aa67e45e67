-- Text search templates in the filtered schemas (not extension members): init and lexize functions, each
-- as {schema, name} (they take fixed arguments).
SELECT t.oid, 'pg_ts_template'::regclass::oid AS classid, n.nspname::text AS schema, t.tmplname::text AS name,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = t.tmplinit) AS init_fn,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = t.tmpllexize) AS lexize_fn,
       obj_description(t.oid, 'pg_ts_template') AS comment
FROM pg_ts_template t
JOIN pg_namespace n ON n.oid = t.tmplnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
                  AND e.classid = 'pg_ts_template'::regclass AND e.objid = t.oid)
ORDER BY n.nspname, t.tmplname
