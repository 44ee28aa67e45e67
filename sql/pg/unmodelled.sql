-- Objects of kinds pgdrift does not model yet, each with a definition text that is compared as a whole so a
-- difference is reported (never silently skipped). Extension members are excluded.
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
         c.relispartition, c.relreplident, c.relpartbound, c.reloptions
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
       p.polcmd::text || ' ' || p.polpermissive || ' ' || p.polroles::text || ' '
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
SELECT 'rule', r.nspname::text, r.relname || '.' || ru.rulename, pg_get_ruledef(ru.oid)
FROM pg_rewrite ru JOIN rels r ON r.oid = ru.ev_class WHERE ru.rulename <> '_RETURN'
UNION ALL
SELECT 'statistics', ns.nspname::text, s.stxname::text, pg_get_statisticsobjdef(s.oid)
FROM pg_statistic_ext s JOIN ns ON ns.oid = s.stxnamespace
UNION ALL
SELECT 'operator', ns.nspname::text, o.oprname || '(' || o.oprleft::regtype || ',' || o.oprright::regtype || ')',
       o.oprcode::text
FROM pg_operator o JOIN ns ON ns.oid = o.oprnamespace
WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_operator'::regclass AND ext.objid = o.oid)
UNION ALL
SELECT 'text search configuration', ns.nspname::text, c.cfgname::text, c.cfgparser::text
FROM pg_ts_config c JOIN ns ON ns.oid = c.cfgnamespace
WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_ts_config'::regclass AND ext.objid = c.oid)
UNION ALL
SELECT 'event trigger', '', e.evtname::text, e.evtevent || ' ' || e.evtfoid::regproc::text || ' ' || e.evtenabled::text
FROM pg_event_trigger e
WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_event_trigger'::regclass AND ext.objid = e.oid)
UNION ALL
SELECT 'publication row filter or column list', '', p.pubname || ' ' || pr.prrelid::regclass::text,
       coalesce(to_jsonb(pr) ->> 'prqual', '') || ' ' || coalesce(to_jsonb(pr) ->> 'prattrs', '')
FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid
WHERE to_jsonb(pr) ->> 'prqual' IS NOT NULL OR to_jsonb(pr) ->> 'prattrs' IS NOT NULL
UNION ALL
SELECT 'foreign server', '', s.srvname::text, coalesce(s.srvoptions::text, '')
FROM pg_foreign_server s
WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_foreign_server'::regclass AND ext.objid = s.oid)
ORDER BY 1, 2, 3
