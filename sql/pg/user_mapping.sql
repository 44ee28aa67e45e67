-- User mappings through pg_user_mappings (options are NULL where the reader may not see them: both sides
-- then compare equal on them). PUBLIC for the mapping of every role.
SELECT m.umid AS oid, 'pg_user_mapping'::regclass::oid AS classid, m.srvname::text AS server,
       CASE WHEN m.umuser = 0 THEN 'PUBLIC' ELSE m.usename::text END AS user_name,
       coalesce(m.umoptions, '{}') AS options
FROM pg_user_mappings m
ORDER BY m.srvname, 4
