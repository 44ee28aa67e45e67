-- Indexes of in-scope tables that do not implement a constraint (those are constraints.sql's). A partition's
-- index attached to its parent's index belongs to the parent; the parent's is written without ONLY (it cascades).
-- pg_get_indexdef costs ~60 us per index in a fresh backend (syscache misses); plain indexes (no expression,
-- uniqueness, storage parameters, non-default operator class or collation; a partial index's predicate is
-- deparsed alone) are rendered here set-based, byte for byte as pg_get_indexdef renders them, and only the
-- others call it. Column names come from scalar subqueries (index probes) rather than a join, which would
-- hash all of pg_attribute.
WITH idx AS (
  SELECT i.indexrelid, i.indrelid, n.nspname, ic.relname AS index_name, c.relname AS table_name, am.amname,
         i.indnkeyatts, i.indkey, i.indclass, i.indcollation, i.indoption, i.indpred,
         (i.indexprs IS NOT NULL OR i.indisunique OR ic.reloptions IS NOT NULL)
           AS complex
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_class c ON c.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = ic.relnamespace
  JOIN pg_am am ON am.oid = ic.relam
  WHERE c.relkind IN ('r', 'm', 'p')
    AND NOT EXISTS (SELECT 1 FROM pg_inherits ih WHERE ih.inhrelid = i.indexrelid)
    AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
    AND NOT (n.nspname = ANY ($2::text[]))
    AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                    WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                      AND con.contype IN ('p', 'u', 'x'))
), key_slots AS (
  SELECT x.indexrelid, x.indrelid, x.indnkeyatts, x.amname, x.indclass, x.indcollation, x.indoption,
         unnest(x.indkey::int2[]) AS attnum, generate_series(1, cardinality(x.indkey::int2[])) AS ord
  FROM idx x
  WHERE NOT x.complex
), keys AS (
  SELECT k.indexrelid, k.ord, k.ord <= k.indnkeyatts AS is_key,
         quote_ident(k.attname)
           || CASE WHEN k.ord <= k.indnkeyatts AND k.amname = 'btree' THEN
                CASE WHEN k.indoption[k.ord - 1] & 1 = 1 THEN ' DESC' ELSE '' END
                || CASE WHEN k.indoption[k.ord - 1] & 3 = 1 THEN ' NULLS LAST'
                        WHEN k.indoption[k.ord - 1] & 3 = 2 THEN ' NULLS FIRST' ELSE '' END
              ELSE '' END AS rendered,
         k.ord > k.indnkeyatts OR (opc.opcdefault AND k.indcollation[k.ord - 1] = k.attcollation) AS plain
  FROM (SELECT s.*,
               (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = s.indrelid AND a.attnum = s.attnum) AS attname,
               (SELECT a.attcollation FROM pg_attribute a WHERE a.attrelid = s.indrelid AND a.attnum = s.attnum)
                 AS attcollation
        FROM key_slots s) k
  LEFT JOIN pg_opclass opc ON opc.oid = k.indclass[k.ord - 1] AND k.ord <= k.indnkeyatts
), rendered AS (
  SELECT indexrelid, bool_and(plain) AS plain,
         string_agg(rendered, ', ' ORDER BY ord) FILTER (WHERE is_key) AS key_list,
         string_agg(rendered, ', ' ORDER BY ord) FILTER (WHERE NOT is_key) AS include_list
  FROM keys GROUP BY indexrelid
)
SELECT x.indexrelid AS oid, x.indrelid AS table_oid, x.nspname::text AS schema, x.index_name::text AS name,
       CASE WHEN r.plain THEN
         'CREATE INDEX ' || quote_ident(x.index_name) || ' ON ' || quote_ident(x.nspname) || '.'
         || quote_ident(x.table_name) || ' USING ' || x.amname || ' (' || r.key_list || ')'
         || coalesce(' INCLUDE (' || r.include_list || ')', '')
         || coalesce(' WHERE ' || pg_get_expr(x.indpred, x.indrelid), '')
       ELSE replace(pg_get_indexdef(x.indexrelid),
                    ' ON ONLY ' || quote_ident(x.nspname) || '.' || quote_ident(x.table_name) || ' ',
                    ' ON ' || quote_ident(x.nspname) || '.' || quote_ident(x.table_name) || ' ')
       END AS definition,
       ds.description AS comment
FROM idx x
LEFT JOIN rendered r ON r.indexrelid = x.indexrelid
LEFT JOIN pg_description ds ON ds.objoid = x.indexrelid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
ORDER BY x.nspname, x.index_name
