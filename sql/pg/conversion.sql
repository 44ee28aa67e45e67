-- Encoding conversions in the filtered schemas (not extension members): encodings, function as
-- {schema, name} (it takes fixed arguments), whether it is the default for its pair.
SELECT c.oid, 'pg_conversion'::regclass::oid AS classid, n.nspname::text AS schema, c.conname::text AS name,
       pg_encoding_to_char(c.conforencoding)::text AS source, pg_encoding_to_char(c.contoencoding)::text AS target,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = c.conproc) AS function_fn, c.condefault AS is_default,
       obj_description(c.oid, 'pg_conversion') AS comment
FROM pg_conversion c
JOIN pg_namespace n ON n.oid = c.connamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
                  AND e.classid = 'pg_conversion'::regclass AND e.objid = c.oid)
ORDER BY n.nspname, c.conname
