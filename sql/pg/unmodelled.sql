-- Objects of kinds pgdrift does not model yet, each with a definition text that is compared as a whole so a
-- difference is reported (never silently skipped). Extension members and built-in objects (OID below
-- FirstNormalObjectId, 16384) are excluded. Definitions name objects, never OIDs (OIDs differ between
-- databases), and options that may hold secrets (servers, user mappings, wrappers) are compared by digest:
-- snapshots (`pgdrift inspect`) hold these texts. Large objects are data (pg_dump --schema-only leaves them
-- out too): not listed.
WITH ns AS (
  SELECT n.oid, n.nspname
  FROM pg_namespace n
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
    AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
    AND NOT (n.nspname = ANY ($2::text[]))
), ext AS (
  SELECT classid, objid FROM pg_depend WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
), rels AS (
  SELECT c.oid, c.relkind, c.relname, ns.nspname, c.relacl, c.relrowsecurity, c.relforcerowsecurity,
         c.relispartition, c.relreplident, c.relpartbound, c.reloptions, c.relam
  FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
)
SELECT 'foreign table' AS kind, nspname::text AS schema, relname::text AS name,
       (SELECT coalesce(string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                                   || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END, ', ' ORDER BY a.attnum), '')
        FROM pg_attribute a WHERE a.attrelid = rels.oid AND a.attnum > 0 AND NOT a.attisdropped)
       || coalesce(' ' || (SELECT array_to_string(ft.ftoptions, ',') || ' server ' || fs.srvname
                          FROM pg_foreign_table ft JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
                          WHERE ft.ftrelid = rels.oid), '') AS definition
FROM rels
WHERE relkind = 'f'
UNION ALL
SELECT 'trigger', r.nspname::text, r.relname || '.' || t.tgname, pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text
FROM pg_trigger t JOIN rels r ON r.oid = t.tgrelid
WHERE NOT t.tgisinternal AND r.relkind = 'f'
UNION ALL
SELECT 'policy', r.nspname::text, r.relname || '.' || p.polname,
       p.polcmd::text || ' ' || p.polpermissive || ' '
       || (SELECT coalesce(string_agg(CASE WHEN o = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(o)::text END, ',' ORDER BY 1), '')
           FROM unnest(p.polroles) AS o) || ' '
       || coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
FROM pg_policy p JOIN rels r ON r.oid = p.polrelid
WHERE r.relkind = 'f'
UNION ALL
SELECT CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite type' WHEN 'r' THEN 'range type'
                      WHEN 'b' THEN 'base type' ELSE 'type' END,
       ns.nspname::text, t.typname::text,
       format_type(t.typbasetype, t.typtypmod) || ' ' || t.typnotnull || ' ' || coalesce(t.typdefault, '')
       || (SELECT coalesce(string_agg(con.conname || ' ' || pg_get_constraintdef(con.oid), ', ' ORDER BY con.conname), '')
           FROM pg_constraint con WHERE con.contypid = t.oid)
       || (SELECT coalesce(string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum), '')
           FROM pg_attribute a WHERE a.attrelid = t.typrelid AND t.typrelid <> 0 AND a.attnum > 0 AND NOT a.attisdropped)
       || coalesce(' acl ' || t.typacl::text, '')
FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
LEFT JOIN pg_class tc ON tc.oid = t.typrelid
WHERE t.typtype = 'b'
  AND NOT (t.typcategory = 'A' AND t.typelem <> 0)
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
UNION ALL
-- Rules on foreign tables (those on tables and views are rule.sql's).
SELECT 'rule', r.nspname::text, r.relname || '.' || ru.rulename, pg_get_ruledef(ru.oid) || ' ' || ru.ev_enabled::text
FROM pg_rewrite ru JOIN rels r ON r.oid = ru.ev_class WHERE ru.rulename <> '_RETURN' AND r.relkind = 'f'
UNION ALL
SELECT 'shell type', ns.nspname::text, t.typname::text, ''
FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
WHERE t.typtype = 'p' AND NOT t.typisdefined
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
UNION ALL
-- Statistics on foreign tables (those on tables and materialized views are statistics.sql's).
SELECT 'statistics', ns.nspname::text, s.stxname::text, pg_get_statisticsobjdef(s.oid)
FROM pg_statistic_ext s JOIN ns ON ns.oid = s.stxnamespace JOIN pg_class c ON c.oid = s.stxrelid
WHERE c.relkind = 'f'
UNION ALL
SELECT 'operator', ns.nspname::text, o.oprname || '(' || o.oprleft::regtype || ',' || o.oprright::regtype || ')',
       o.oprcode::regproc::text || ' ' || o.oprcom::regoperator::text || ' ' || o.oprnegate::regoperator::text || ' '
       || o.oprrest::regproc::text || ' ' || o.oprjoin::regproc::text || ' ' || o.oprcanhash || o.oprcanmerge
FROM pg_operator o JOIN ns ON ns.oid = o.oprnamespace
WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_operator'::regclass AND ext.objid = o.oid)
UNION ALL
SELECT 'security label', '', l.objtype || ' ' || l.objname || ' for ' || l.provider, l.label
FROM pg_seclabels l
WHERE l.objtype NOT IN ('database', 'role', 'tablespace')
UNION ALL
SELECT 'operator class', ns.nspname::text, oc.opcname || ' using ' || am.amname,
       format_type(oc.opcintype, NULL) || ' ' || oc.opcdefault || ' family ' || f.opfname
       || ' storage ' || oc.opckeytype::regtype::text
FROM pg_opclass oc JOIN ns ON ns.oid = oc.opcnamespace
JOIN pg_am am ON am.oid = oc.opcmethod JOIN pg_opfamily f ON f.oid = oc.opcfamily
WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_opclass'::regclass AND ext.objid = oc.oid)
UNION ALL
SELECT 'operator family', ns.nspname::text, f.opfname || ' using ' || am.amname,
       (SELECT coalesce(string_agg(o.amopstrategy || ' ' || o.amopopr::regoperator::text, ', '
                                   ORDER BY o.amopstrategy, o.amopopr::regoperator::text), '')
        FROM pg_amop o WHERE o.amopfamily = f.oid) || ' / '
       || (SELECT coalesce(string_agg(pr.amprocnum || ' ' || pr.amproc::regprocedure::text, ', '
                                      ORDER BY pr.amprocnum, pr.amproc::regprocedure::text), '')
           FROM pg_amproc pr WHERE pr.amprocfamily = f.oid)
FROM pg_opfamily f JOIN ns ON ns.oid = f.opfnamespace JOIN pg_am am ON am.oid = f.opfmethod
WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_opfamily'::regclass AND ext.objid = f.oid)
UNION ALL
SELECT 'text search parser', ns.nspname::text, p.prsname::text,
       p.prsstart::regproc::text || ' ' || p.prstoken::regproc::text || ' ' || p.prsend::regproc::text || ' '
       || p.prsheadline::regproc::text || ' ' || p.prslextype::regproc::text
FROM pg_ts_parser p JOIN ns ON ns.oid = p.prsnamespace
WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_ts_parser'::regclass AND ext.objid = p.oid)
UNION ALL
SELECT 'text search template', ns.nspname::text, t.tmplname::text,
       t.tmplinit::regproc::text || ' ' || t.tmpllexize::regproc::text
FROM pg_ts_template t JOIN ns ON ns.oid = t.tmplnamespace
WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_ts_template'::regclass AND ext.objid = t.oid)
UNION ALL
SELECT 'language', '', l.lanname::text,
       l.lanpltrusted || ' ' || l.lanplcallfoid::regproc::text || ' ' || l.laninline::regproc::text || ' '
       || l.lanvalidator::regproc::text || coalesce(' acl ' || l.lanacl::text, '')
FROM pg_language l
WHERE l.oid >= 16384
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_language'::regclass AND ext.objid = l.oid)
UNION ALL
SELECT 'transform', '', format_type(t.trftype, NULL) || ' language ' || l.lanname,
       t.trffromsql::regproc::text || ' ' || t.trftosql::regproc::text
FROM pg_transform t JOIN pg_language l ON l.oid = t.trflang
WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_transform'::regclass AND ext.objid = t.oid)
UNION ALL
SELECT 'conversion', ns.nspname::text, c.conname::text,
       pg_encoding_to_char(c.conforencoding) || ' to ' || pg_encoding_to_char(c.contoencoding) || ' '
       || c.conproc::regproc::text || ' ' || c.condefault
FROM pg_conversion c JOIN ns ON ns.oid = c.connamespace
WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_conversion'::regclass AND ext.objid = c.oid)
UNION ALL
SELECT 'access method', '', a.amname::text, a.amtype::text || ' ' || a.amhandler::regproc::text
FROM pg_am a
WHERE a.oid >= 16384
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_am'::regclass AND ext.objid = a.oid)
UNION ALL
SELECT 'table access method', r.nspname::text, r.relname::text, am.amname::text
FROM rels r JOIN pg_am am ON am.oid = r.relam
WHERE r.relkind IN ('r', 'm') AND am.amname <> 'heap'
UNION ALL
SELECT 'tablespace of', ns.nspname::text, c.relname::text, t.spcname::text
FROM pg_class c JOIN ns ON ns.oid = c.relnamespace JOIN pg_tablespace t ON t.oid = c.reltablespace
WHERE c.reltablespace <> 0 AND c.relkind IN ('r', 'p', 'm', 'i', 'I')

ORDER BY 1, 2, 3
