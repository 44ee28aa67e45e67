-- Composite types (CREATE TYPE .. AS (...)) with their attributes in order; typrelid maps the attribute
-- dependencies pg_depend records on the type's relation to the type.
SELECT t.oid, t.typarray AS array_oid, t.typrelid AS class_oid, n.nspname::text AS schema, t.typname::text AS name,
       coalesce((SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
                 WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '{}') AS attribute_names,
       coalesce((SELECT array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum) FROM pg_attribute a
                 WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '{}') AS attribute_types,
       coalesce((SELECT array_agg(CASE WHEN a.attcollation <> at.typcollation AND a.attcollation <> 0
                                       THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) ELSE '' END
                                  ORDER BY a.attnum)
                 FROM pg_attribute a
                 JOIN pg_type at ON at.oid = a.atttypid
                 LEFT JOIN pg_collation co ON co.oid = a.attcollation
                 LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
                 WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '{}') AS attribute_collations,
       ds.description AS comment
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
LEFT JOIN pg_description ds ON ds.objoid = t.oid AND ds.classoid = 'pg_type'::regclass AND ds.objsubid = 0
WHERE t.typtype = 'c'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend x
                  WHERE x.refclassid = 'pg_extension'::regclass AND x.classid = 'pg_type'::regclass AND x.objid = t.oid AND x.deptype = 'e')
ORDER BY n.nspname, t.typname
