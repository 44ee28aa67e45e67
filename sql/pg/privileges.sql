-- Effective privileges of every modelled object, one row per (object, grantee, privilege), plus ($3, with
-- --with-owners) one row per object with a NULL grantee naming its owner: the ACL, or the built-in default
-- (acldefault) when it has none, exploded; the owner's own privileges are left out while they are its
-- default ones, so an object with default privileges has exactly the built-in default rows (PUBLIC EXECUTE
-- on functions, PUBLIC USAGE on types) and two databases with different owners compare equal; an owner's
-- revoked rights come as the pseudo-grantee '(owner)'. Column privileges come with the
-- columns (column.sql). Rows come unordered: the inspector keeps them in ordered sets.
WITH ns AS (
  SELECT n.oid, n.nspname
  FROM pg_namespace n
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
    AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
    AND NOT (n.nspname = ANY ($2::text[]))
), ext AS (
  SELECT classid, objid FROM pg_depend WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
), objs AS (
  SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'view' ELSE 'table' END AS kind,
         ns.nspname AS schema, c.relname AS name, '' AS sub, c.relacl AS acl, c.relowner AS owner,
         CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END AS objtype
  FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
    AND NOT EXISTS (SELECT FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END, ns.nspname,
         p.proname, pg_get_function_identity_arguments(p.oid), p.proacl, p.proowner, 'f'
  FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p', 'a', 'w')
    AND NOT EXISTS (SELECT FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
    -- Constructors of range types are the type's (internal dependency), not objects of their own.
    AND NOT EXISTS (SELECT FROM pg_depend i WHERE i.classid = 'pg_proc'::regclass AND i.objid = p.oid
                                            AND i.deptype = 'i')
  UNION ALL
  SELECT 'foreign-data wrapper', '', w.fdwname, '', w.fdwacl, w.fdwowner, 'F'
  FROM pg_foreign_data_wrapper w
  WHERE NOT EXISTS (SELECT FROM ext WHERE ext.classid = 'pg_foreign_data_wrapper'::regclass AND ext.objid = w.oid)
  UNION ALL
  SELECT 'foreign server', '', s.srvname, '', s.srvacl, s.srvowner, 'S'
  FROM pg_foreign_server s
  WHERE NOT EXISTS (SELECT FROM ext WHERE ext.classid = 'pg_foreign_server'::regclass AND ext.objid = s.oid)
  UNION ALL
  -- Kinds without privileges: only their owner (with $3), no ACL to explode.
  SELECT 'statistics', ns.nspname, s.stxname, '', NULL::aclitem[], s.stxowner, NULL
  FROM pg_statistic_ext s JOIN ns ON ns.oid = s.stxnamespace
  UNION ALL
  SELECT 'text search dictionary', ns.nspname, d.dictname, '', NULL::aclitem[], d.dictowner, NULL
  FROM pg_ts_dict d JOIN ns ON ns.oid = d.dictnamespace
  UNION ALL
  SELECT 'text search configuration', ns.nspname, c.cfgname, '', NULL::aclitem[], c.cfgowner, NULL
  FROM pg_ts_config c JOIN ns ON ns.oid = c.cfgnamespace
  UNION ALL
  SELECT 'event trigger', '', e.evtname, '', NULL::aclitem[], e.evtowner, NULL
  FROM pg_event_trigger e
  UNION ALL
  SELECT 'subscription', '', s.subname, '', NULL::aclitem[], s.subowner, NULL
  FROM pg_subscription s WHERE s.subdbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
  UNION ALL
  SELECT 'publication', '', p.pubname, '', NULL::aclitem[], p.pubowner, NULL
  FROM pg_publication p
  UNION ALL
  SELECT 'operator', ns.nspname, o.oprname,
         '(' || coalesce(format_type(o.oprleft, NULL), 'NONE') || ', ' || format_type(o.oprright, NULL) || ')',
         NULL::aclitem[], o.oprowner, NULL
  FROM pg_operator o JOIN ns ON ns.oid = o.oprnamespace
  WHERE NOT EXISTS (SELECT FROM ext WHERE ext.classid = 'pg_operator'::regclass AND ext.objid = o.oid)
  UNION ALL
  SELECT 'operator class', ns.nspname, c.opcname, am.amname, NULL::aclitem[], c.opcowner, NULL
  FROM pg_opclass c JOIN ns ON ns.oid = c.opcnamespace JOIN pg_am am ON am.oid = c.opcmethod
  WHERE NOT EXISTS (SELECT FROM ext WHERE ext.classid = 'pg_opclass'::regclass AND ext.objid = c.oid)
  UNION ALL
  SELECT 'operator family', ns.nspname, f.opfname, am.amname, NULL::aclitem[], f.opfowner, NULL
  FROM pg_opfamily f JOIN ns ON ns.oid = f.opfnamespace JOIN pg_am am ON am.oid = f.opfmethod
  WHERE NOT EXISTS (SELECT FROM ext WHERE ext.classid = 'pg_opfamily'::regclass AND ext.objid = f.oid)
  UNION ALL
  SELECT 'conversion', ns.nspname, c.conname, '', NULL::aclitem[], c.conowner, NULL
  FROM pg_conversion c JOIN ns ON ns.oid = c.connamespace
  WHERE NOT EXISTS (SELECT FROM ext WHERE ext.classid = 'pg_conversion'::regclass AND ext.objid = c.oid)
  UNION ALL
  -- A language's privileges are reported (unmodelled.sql), its owner compared here.
  SELECT 'language', '', l.lanname, '', NULL::aclitem[], l.lanowner, NULL
  FROM pg_language l
  WHERE l.oid >= 16384 AND NOT EXISTS (SELECT FROM ext WHERE ext.classid = 'pg_language'::regclass AND ext.objid = l.oid)
  UNION ALL
  SELECT 'schema', ns.nspname, ns.nspname, '', n.nspacl, n.nspowner, 'n'
  FROM pg_namespace n JOIN ns ON ns.oid = n.oid
  WHERE NOT EXISTS (SELECT FROM ext WHERE ext.classid = 'pg_namespace'::regclass AND ext.objid = n.oid)
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'e' THEN 'enum' WHEN 'r' THEN 'range' ELSE 'composite' END,
         ns.nspname, t.typname, '',
         t.typacl, t.typowner, 'T'
  FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
  -- Composite types are the stand-alone ones (relkind 'c'), not the row types of tables: one hashed lookup.
  WHERE (t.typtype IN ('d', 'e', 'r') OR (t.typtype = 'c' AND t.typrelid IN (SELECT oid FROM pg_class WHERE relkind = 'c')))
    AND NOT EXISTS (SELECT FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
), all_members AS (
  -- Members of extensions with their privileges and those the extension's script left (pg_init_privs).
  SELECT CASE c.relkind WHEN 'S' THEN 'member sequence' ELSE 'member table' END AS kind, ns.nspname AS schema,
         c.relname AS name, '' AS sub, c.relacl AS acl, c.relowner AS owner,
         CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END AS objtype, d.refobjid AS extoid, ip.initprivs
  FROM pg_depend d JOIN pg_class c ON c.oid = d.objid JOIN ns ON ns.oid = c.relnamespace
  LEFT JOIN pg_init_privs ip ON ip.objoid = c.oid AND ip.classoid = 'pg_class'::regclass AND ip.objsubid = 0
  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
    AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'member procedure' ELSE 'member function' END, ns.nspname, p.proname,
         pg_get_function_identity_arguments(p.oid), p.proacl, p.proowner, 'f', d.refobjid, ip.initprivs
  FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid JOIN ns ON ns.oid = p.pronamespace
  LEFT JOIN pg_init_privs ip ON ip.objoid = p.oid AND ip.classoid = 'pg_proc'::regclass AND ip.objsubid = 0
  WHERE d.classid = 'pg_proc'::regclass AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  UNION ALL
  SELECT 'member type', ns.nspname, t.typname, '', t.typacl, t.typowner, 'T', d.refobjid, ip.initprivs
  FROM pg_depend d JOIN pg_type t ON t.oid = d.objid JOIN ns ON ns.oid = t.typnamespace
  LEFT JOIN pg_init_privs ip ON ip.objoid = t.oid AND ip.classoid = 'pg_type'::regclass AND ip.objsubid = 0
  WHERE d.classid = 'pg_type'::regclass AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
), members AS (
  -- Those whose privileges are no longer the initial ones (as sets: order and grantor aside): GRANT/REVOKE
  -- on them is compared, against the initial privileges.
  SELECT m.* FROM all_members m
  WHERE m.acl IS DISTINCT FROM m.initprivs
    AND (SELECT array_agg(y.grantee::text || ' ' || y.privilege_type || ' ' || y.is_grantable::text
                          ORDER BY y.grantee, y.privilege_type, y.is_grantable)
         FROM aclexplode(coalesce(m.acl, acldefault(m.objtype::"char", m.owner))) AS y)
        IS DISTINCT FROM
        (SELECT array_agg(y.grantee::text || ' ' || y.privilege_type || ' ' || y.is_grantable::text
                          ORDER BY y.grantee, y.privilege_type, y.is_grantable)
         FROM aclexplode(coalesce(m.initprivs, acldefault(m.objtype::"char", m.owner))) AS y)
)
SELECT o.kind, o.schema::text, o.name::text, o.sub::text, a.grantee, a.privilege,
       coalesce(a.grantable, false) AS grantable, pg_get_userbyid(o.owner)::text AS owner,
       NULL::text AS extension, false AS initial
FROM objs o
CROSS JOIN LATERAL (SELECT CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee)::text END AS grantee,
                           x.privilege_type::text AS privilege, x.is_grantable AS grantable
                    FROM aclexplode(coalesce(o.acl, acldefault(o.objtype::"char", o.owner))) AS x
                    WHERE x.grantee <> o.owner
                    UNION ALL
                    -- The owner's own rights, only where they are not its default ones (REVOKE .. FROM the
                    -- owner): what it holds, as the pseudo-grantee '(owner)', and a marker row ('(explicit)':
                    -- an owner left with nothing has only the marker).
                    SELECT '(owner)', y.privilege, y.grantable
                    FROM (SELECT x.privilege_type::text AS privilege, x.is_grantable AS grantable
                          FROM aclexplode(o.acl) AS x WHERE x.grantee = o.owner
                          UNION ALL SELECT '(explicit)', false) AS y
                    WHERE o.acl IS NOT NULL
                      AND (SELECT array_agg(x.privilege_type::text || x.is_grantable::text ORDER BY x.privilege_type, x.is_grantable)
                           FROM aclexplode(o.acl) AS x WHERE x.grantee = o.owner)
                          IS DISTINCT FROM
                          (SELECT array_agg(x.privilege_type::text || x.is_grantable::text ORDER BY x.privilege_type, x.is_grantable)
                           FROM aclexplode(acldefault(o.objtype::"char", o.owner)) AS x WHERE x.grantee = o.owner)
                    UNION ALL
                    -- One row per object with no grantee: it carries the owner.
                    SELECT NULL, NULL, NULL WHERE $3::bool) AS a
UNION ALL
-- Extension members: their privileges now, and (initial = true) as the extension's script left them.
SELECT m.kind, m.schema::text, m.name::text, m.sub::text,
       CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee)::text END, x.privilege_type::text,
       x.is_grantable, pg_get_userbyid(m.owner)::text,
       (SELECT e.extname::text FROM pg_extension e WHERE e.oid = m.extoid), x.initial
FROM members m
CROSS JOIN LATERAL (SELECT false AS initial, y.grantee, y.privilege_type, y.is_grantable
                    FROM aclexplode(coalesce(m.acl, acldefault(m.objtype::"char", m.owner))) AS y
                    UNION ALL
                    SELECT true, y.grantee, y.privilege_type, y.is_grantable
                    FROM aclexplode(coalesce(m.initprivs, acldefault(m.objtype::"char", m.owner))) AS y) AS x
WHERE x.grantee <> m.owner
