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
SELECT CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite type' WHEN 'r' THEN 'range type'
                      WHEN 'b' THEN 'base type' ELSE 'type' END AS kind,
       ns.nspname::text AS schema, t.typname::text AS name,
       format_type(t.typbasetype, t.typtypmod) || ' ' || t.typnotnull || ' ' || coalesce(t.typdefault, '')
       || (SELECT coalesce(string_agg(con.conname || ' ' || pg_get_constraintdef(con.oid), ', ' ORDER BY con.conname), '')
           FROM pg_constraint con WHERE con.contypid = t.oid)
       || (SELECT coalesce(string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum), '')
           FROM pg_attribute a WHERE a.attrelid = t.typrelid AND t.typrelid <> 0 AND a.attnum > 0 AND NOT a.attisdropped)
       || coalesce(' acl ' || t.typacl::text, '') AS definition
FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
LEFT JOIN pg_class tc ON tc.oid = t.typrelid
WHERE t.typtype = 'b'
  AND NOT (t.typcategory = 'A' AND t.typelem <> 0)
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
UNION ALL
SELECT 'shell type', ns.nspname::text, t.typname::text, ''
FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
WHERE t.typtype = 'p' AND NOT t.typisdefined
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
UNION ALL
SELECT 'security label', '', l.objtype || ' ' || l.objname || ' for ' || l.provider, l.label
FROM pg_seclabels l
WHERE l.objtype NOT IN ('database', 'role', 'tablespace')
UNION ALL
-- A language's privileges, where granted (the language itself is language.sql's).
SELECT 'language privileges', '', l.lanname::text, l.lanacl::text
FROM pg_language l
WHERE l.oid >= 16384 AND l.lanacl IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_language'::regclass AND ext.objid = l.oid)
UNION ALL
-- A materialized view's access method (a table's is table.sql's).
SELECT 'materialized view access method', r.nspname::text, r.relname::text, am.amname::text
FROM rels r JOIN pg_am am ON am.oid = r.relam
WHERE r.relkind = 'm' AND am.amname <> 'heap'
UNION ALL
SELECT 'tablespace of', ns.nspname::text, c.relname::text, t.spcname::text
FROM pg_class c JOIN ns ON ns.oid = c.relnamespace JOIN pg_tablespace t ON t.oid = c.reltablespace
WHERE c.reltablespace <> 0 AND c.relkind IN ('r', 'p', 'm', 'i', 'I')

ORDER BY 1, 2, 3
