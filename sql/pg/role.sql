-- Roles of the cluster but the system's own (pg_*), with their attributes, their settings for every
-- database and for this one (pg_db_role_setting; `name=value`), the roles they are members of, and their
-- comment. Every role is listed (its name tells a role TO needs that FROM's cluster lacks); attributes are
-- kept only with --with-roles. Passwords are never read (pg_roles masks them; the column is not selected).
SELECT r.rolname::text AS name,
       r.rolsuper AS superuser, r.rolinherit AS inherit, r.rolcreaterole AS create_role,
       r.rolcreatedb AS create_db, r.rolcanlogin AS login, r.rolreplication AS replication,
       r.rolbypassrls AS bypass_rls, r.rolconnlimit AS connection_limit, r.rolvaliduntil::text AS valid_until,
       coalesce((SELECT array_agg(s.setdatabase <> 0 ORDER BY s.setdatabase <> 0, c) FROM pg_db_role_setting s,
                 unnest(s.setconfig) c
                 WHERE s.setrole = r.oid
                   AND s.setdatabase IN (0, (SELECT d.oid FROM pg_database d WHERE d.datname = current_database()))),
                '{}') AS setting_this_database,
       coalesce((SELECT array_agg(c ORDER BY s.setdatabase <> 0, c) FROM pg_db_role_setting s, unnest(s.setconfig) c
                 WHERE s.setrole = r.oid
                   AND s.setdatabase IN (0, (SELECT d.oid FROM pg_database d WHERE d.datname = current_database()))),
                '{}') AS settings,
       coalesce((SELECT array_agg(g.rolname::text ORDER BY g.rolname) FROM pg_auth_members m
                 JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid), '{}') AS member_of,
       coalesce((SELECT array_agg(m.admin_option ORDER BY g.rolname) FROM pg_auth_members m
                 JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid), '{}') AS member_admin,
       shobj_description(r.oid, 'pg_authid') AS comment
FROM pg_roles r
WHERE r.rolname NOT LIKE 'pg\_%'
ORDER BY r.rolname
