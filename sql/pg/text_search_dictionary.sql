-- Text search dictionaries in the filtered schemas (not extension members): template and init options.
SELECT d.oid, n.nspname::text AS schema, d.dictname::text AS name,
       tn.nspname::text AS template_schema, t.tmplname::text AS template_name, d.dictinitoption AS options,
       obj_description(d.oid, 'pg_ts_dict') AS comment
FROM pg_ts_dict d
JOIN pg_namespace n ON n.oid = d.dictnamespace
JOIN pg_ts_template t ON t.oid = d.dicttemplate
JOIN pg_namespace tn ON tn.oid = t.tmplnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
                  AND e.classid = 'pg_ts_dict'::regclass AND e.objid = d.oid)
ORDER BY n.nspname, d.dictname
