-- Access methods a user created (OID at or above FirstNormalObjectId, not extension members): type and
-- handler as {schema, name} (it takes fixed arguments).
SELECT a.oid, 'pg_am'::regclass::oid AS classid, a.amname::text AS name, a.amtype = 't' AS is_table,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = a.amhandler) AS handler_fn,
       obj_description(a.oid, 'pg_am') AS comment
FROM pg_am a
WHERE a.oid >= 16384
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
                  AND e.classid = 'pg_am'::regclass AND e.objid = a.oid)
ORDER BY a.amname
