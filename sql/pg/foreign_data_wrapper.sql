-- Foreign-data wrappers (database-wide; not extension members): handler and validator functions by name,
-- options as the catalog keeps them (`name=value`).
SELECT w.oid, 'pg_foreign_data_wrapper'::regclass::oid AS classid, w.fdwname::text AS name,
       hn.nspname::text AS handler_schema, h.proname::text AS handler_name,
       vn.nspname::text AS validator_schema, v.proname::text AS validator_name,
       coalesce(w.fdwoptions, '{}') AS options, obj_description(w.oid, 'pg_foreign_data_wrapper') AS comment
FROM pg_foreign_data_wrapper w
LEFT JOIN pg_proc h ON h.oid = w.fdwhandler
LEFT JOIN pg_namespace hn ON hn.oid = h.pronamespace
LEFT JOIN pg_proc v ON v.oid = w.fdwvalidator
LEFT JOIN pg_namespace vn ON vn.oid = v.pronamespace
WHERE NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
                  AND e.classid = 'pg_foreign_data_wrapper'::regclass AND e.objid = w.oid)
ORDER BY w.fdwname
