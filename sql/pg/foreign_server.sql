-- Foreign servers (database-wide; not extension members): wrapper, type, version, options (`name=value`).
SELECT s.oid, 'pg_foreign_server'::regclass::oid AS classid, s.srvname::text AS name, w.fdwname::text AS wrapper,
       s.srvtype AS server_type, s.srvversion AS version, coalesce(s.srvoptions, '{}') AS options,
       obj_description(s.oid, 'pg_foreign_server') AS comment
FROM pg_foreign_server s
JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
WHERE NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
                  AND e.classid = 'pg_foreign_server'::regclass AND e.objid = s.oid)
ORDER BY s.srvname
