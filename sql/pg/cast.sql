-- User-defined casts (OID at or above FirstNormalObjectId), not extension members, not those a range type
-- makes to its multirange type (internal dependencies): types by format_type, the function by name and
-- identity arguments.
SELECT c.oid, format_type(c.castsource, NULL) AS source, format_type(c.casttarget, NULL) AS target,
       c.castmethod::text AS method, c.castcontext::text AS context,
       pn.nspname::text AS function_schema, p.proname::text AS function_name,
       pg_get_function_identity_arguments(p.oid) AS function_args,
       obj_description(c.oid, 'pg_cast') AS comment
FROM pg_cast c
LEFT JOIN pg_proc p ON p.oid = c.castfunc
LEFT JOIN pg_namespace pn ON pn.oid = p.pronamespace
WHERE c.oid >= 16384
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
                  AND d.classid = 'pg_cast'::regclass AND d.objid = c.oid)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass AND d.objid = c.oid
                  AND d.deptype = 'i')
ORDER BY 2, 3
