-- Operators in the filtered schemas (not extension members): argument types by format_type (NULL left for
-- a prefix operator), the function, restriction and join estimators as {schema, name} (fixed arguments),
-- commutator and negator as {schema, name}.
SELECT o.oid, 'pg_operator'::regclass::oid AS classid, n.nspname::text AS schema, o.oprname::text AS name,
       CASE WHEN o.oprleft <> 0 THEN format_type(o.oprleft, NULL) END AS left_type,
       format_type(o.oprright, NULL) AS right_type,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = o.oprcode) AS function_fn,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = o.oprrest) AS restrict_fn,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = o.oprjoin) AS join_fn,
       (SELECT ARRAY[cn.nspname::text, c.oprname::text] FROM pg_operator c JOIN pg_namespace cn ON cn.oid = c.oprnamespace
        WHERE c.oid = o.oprcom) AS commutator,
       (SELECT ARRAY[cn.nspname::text, c.oprname::text] FROM pg_operator c JOIN pg_namespace cn ON cn.oid = c.oprnamespace
        WHERE c.oid = o.oprnegate) AS negator,
       o.oprcanhash AS hashes, o.oprcanmerge AS merges,
       obj_description(o.oid, 'pg_operator') AS comment
FROM pg_operator o
JOIN pg_namespace n ON n.oid = o.oprnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
                  AND e.classid = 'pg_operator'::regclass AND e.objid = o.oid)
ORDER BY n.nspname, o.oprname, 5, 6
