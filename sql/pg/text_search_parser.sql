-- Text search parsers in the filtered schemas (not extension members): their support functions, each as
-- {schema, name} (they take fixed arguments).
SELECT p.oid, 'pg_ts_parser'::regclass::oid AS classid, n.nspname::text AS schema, p.prsname::text AS name,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = p.prsstart) AS start_fn,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = p.prstoken) AS token_fn,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = p.prsend) AS end_fn,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = p.prsheadline) AS headline_fn,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = p.prslextype) AS lextypes_fn,
       obj_description(p.oid, 'pg_ts_parser') AS comment
FROM pg_ts_parser p
JOIN pg_namespace n ON n.oid = p.prsnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
                  AND e.classid = 'pg_ts_parser'::regclass AND e.objid = p.oid)
ORDER BY n.nspname, p.prsname
