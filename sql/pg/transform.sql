-- Transforms (not extension members): the type by format_type, the language, and the FROM SQL / TO SQL
-- functions as {schema, name} with their identity arguments.
SELECT t.oid, 'pg_transform'::regclass::oid AS classid, format_type(t.trftype, NULL) AS type_name,
       l.lanname::text AS language,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = t.trffromsql) AS from_sql_fn,
       CASE WHEN t.trffromsql <> 0 THEN pg_get_function_identity_arguments(t.trffromsql) END AS from_sql_args,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = t.trftosql) AS to_sql_fn,
       CASE WHEN t.trftosql <> 0 THEN pg_get_function_identity_arguments(t.trftosql) END AS to_sql_args,
       obj_description(t.oid, 'pg_transform') AS comment
FROM pg_transform t
JOIN pg_language l ON l.oid = t.trflang
WHERE t.oid >= 16384
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
                  AND e.classid = 'pg_transform'::regclass AND e.objid = t.oid)
ORDER BY 3, 4
