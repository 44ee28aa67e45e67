-- Sequences with every option and OWNED BY. Identity sequences belong to their column: they come back
-- flagged (identity_of_table, identity_of_column), with their options for the column and nothing else
-- (reading them here spares the columns query a join over pg_depend and pg_sequence).
-- Owner names come from correlated subqueries (index lookups) so pg_attribute is never scanned whole.
WITH owner AS (
  SELECT d.objid, d.refobjid, d.refobjsubid, d.deptype
  FROM pg_depend d
  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
    AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
)
SELECT c.oid, n.nspname::text AS schema, c.relname::text AS name,
       format_type(s.seqtypid, NULL) AS data_type,
       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
       c.relpersistence = 'u' AS unlogged,
       CASE WHEN o.deptype = 'a' THEN
         (SELECT tn.nspname::text FROM pg_class tc JOIN pg_namespace tn ON tn.oid = tc.relnamespace
          WHERE tc.oid = o.refobjid) END AS owner_schema,
       CASE WHEN o.deptype = 'a' THEN (SELECT tc.relname::text FROM pg_class tc WHERE tc.oid = o.refobjid) END
         AS owner_table,
       CASE WHEN o.deptype = 'a' THEN
         (SELECT ta.attname::text FROM pg_attribute ta
          WHERE ta.attrelid = o.refobjid AND ta.attnum = o.refobjsubid) END AS owner_column,
       CASE WHEN o.deptype = 'i' THEN o.refobjid END AS identity_of_table,
       CASE WHEN o.deptype = 'i' THEN o.refobjsubid END AS identity_of_column,
       ds.description AS comment
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN owner o ON o.objid = c.oid
LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
-- Unordered: the inspector keeps these in ordered maps (sorting here cost ~10-20 ms at 5,000 tables).
