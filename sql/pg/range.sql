-- Range types (CREATE TYPE .. AS RANGE) with every option rendered as CREATE TYPE takes it, and the oid of
-- their multirange type (columns of the multirange depend on the range).
SELECT t.oid, r.rngmultitypid AS multirange_oid, n.nspname::text AS schema, t.typname::text AS name,
       format_type(r.rngsubtype, NULL) AS subtype,
       array_remove(ARRAY[
         CASE WHEN NOT opc.opcdefault THEN 'subtype_opclass = ' || quote_ident(opn.nspname) || '.' || quote_ident(opc.opcname) END,
         CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation
              THEN 'collation = ' || quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END,
         CASE WHEN r.rngcanonical <> 0 THEN 'canonical = ' || r.rngcanonical::regproc::text END,
         CASE WHEN r.rngsubdiff <> 0 THEN 'subtype_diff = ' || r.rngsubdiff::regproc::text END,
         'multirange_type_name = ' || quote_ident(mn.nspname) || '.' || quote_ident(mt.typname)
       ], NULL) AS options,
       ds.description AS comment
FROM pg_range r
JOIN pg_type t ON t.oid = r.rngtypid
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type st ON st.oid = r.rngsubtype
JOIN pg_opclass opc ON opc.oid = r.rngsubopc
JOIN pg_namespace opn ON opn.oid = opc.opcnamespace
JOIN pg_type mt ON mt.oid = r.rngmultitypid
JOIN pg_namespace mn ON mn.oid = mt.typnamespace
LEFT JOIN pg_collation co ON co.oid = r.rngcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_description ds ON ds.objoid = t.oid AND ds.classoid = 'pg_type'::regclass AND ds.objsubid = 0
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')
ORDER BY n.nspname, t.typname
