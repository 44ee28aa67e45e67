-- Columns of the tables listed by table.sql, with default, identity (the options of its internal sequence
-- come with sequence.sql), generation expression, a collation only when it differs from the type's default, and
-- whether it comes from a parent (partition or INHERITS) and/or is declared by the table itself, and the
-- physical settings (storage, compression, statistics target, attribute options) that are not defaults, and
-- a foreign table column's generic options.
WITH rel AS (
  SELECT c.oid
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'f')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
    AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
    AND NOT (n.nspname = ANY ($2::text[]))
    AND NOT EXISTS (SELECT 1 FROM pg_depend e
                    WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
)
SELECT a.attrelid AS table_oid, a.attnum::int4 AS attnum, a.attname::text AS name,
       format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       -- A default cannot refer to columns: deparsed without the table's context, which spares a relation
       -- lookup per table (cold in a fresh backend: ~10x the cost at 5,000 tables).
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, 0) END AS default_expr,
       CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS generated_expr,
       d.oid AS attrdef_oid,
       a.attidentity::text AS identity,
       a.attcollation AS collation_oid,
       CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0
            THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
       ds.description AS comment,
       a.attinhcount > 0 AS inherited, a.attislocal AS local,
       -- Physical settings, only where they are not the defaults (NULL for nearly every column).
       CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END AS storage,
       CASE WHEN a.attstorage <> t.typstorage THEN t.typstorage::text END AS type_storage,
       /*>=140000 NULLIF(a.attcompression::text, '') ELSE*/NULL::text/*END*/ AS compression,
       CASE WHEN a.attstattarget >= 0 THEN a.attstattarget::int4 END AS statistics,
       -- Options under the reserved pg_ prefix are stamps a server build may keep itself (one seen here
       -- writes pg_attver=<counter> on every ALTER COLUMN .. SET): no user setting, never compared.
       CASE WHEN a.attoptions IS NOT NULL THEN
         ARRAY(SELECT o FROM unnest(a.attoptions) o WHERE o NOT LIKE 'pg\_%') END AS attribute_options,
       a.attfdwoptions AS fdw_options,
       -- Column privileges (rare), exploded like privileges.sql does for whole objects: read here, where the
       -- in-scope attributes already are, instead of scanning all of pg_attribute for the few non-NULL ACLs.
       CASE WHEN a.attacl IS NOT NULL THEN
         (SELECT array_agg(CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee)::text END
                           ORDER BY x.grantee, x.privilege_type)
          FROM aclexplode(a.attacl) x
          WHERE x.grantee <> (SELECT o.relowner FROM pg_class o WHERE o.oid = a.attrelid))
       END AS acl_grantees,
       CASE WHEN a.attacl IS NOT NULL THEN
         (SELECT array_agg(x.privilege_type::text ORDER BY x.grantee, x.privilege_type)
          FROM aclexplode(a.attacl) x
          WHERE x.grantee <> (SELECT o.relowner FROM pg_class o WHERE o.oid = a.attrelid))
       END AS acl_privileges,
       CASE WHEN a.attacl IS NOT NULL THEN
         (SELECT array_agg(x.is_grantable ORDER BY x.grantee, x.privilege_type)
          FROM aclexplode(a.attacl) x
          WHERE x.grantee <> (SELECT o.relowner FROM pg_class o WHERE o.oid = a.attrelid))
       END AS acl_grantable
-- The in-scope tables' attributes first (a semi join hashing the few thousand tables, fenced by OFFSET 0):
-- joined as a plain join, the planner hashed all of pg_attribute instead (~100k rows at 5,000 tables).
FROM (SELECT a.* FROM pg_attribute a
      WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attrelid IN (SELECT oid FROM rel)
      OFFSET 0) a
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
-- Unordered: the inspector groups the rows by table and orders each table's columns by attnum.
