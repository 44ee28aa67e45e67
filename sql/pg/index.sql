-- Indexes of in-scope tables that do not implement a constraint (those are constraint.sql's). A partition's
-- index attached to its parent's index belongs to the parent; the parent's is written without ONLY (it cascades).
-- pg_get_indexdef costs ~60 us per index in a fresh backend (syscache misses). Plain indexes (columns only,
-- default operator classes, no storage parameters) of tables come back raw (definition NULL) and are
-- rendered by the inspector from the column names it already holds (src/inspect/pg/render.rs); a partial
-- index's predicate is deparsed alone. So are indexes on one call of a built-in function of a column
-- (`lower(email)`): the tree comes back with the function's name (src/inspect/pg/exprs.rs). Only the others
-- call pg_get_indexdef.
WITH idx AS (
  SELECT i.indexrelid, i.indrelid, n.nspname, ic.relname AS index_name, c.relname AS table_name, am.amname,
         i.indnkeyatts, i.indkey, i.indclass, i.indcollation, i.indoption, i.indpred, i.indisunique,
         /*>=150000 i.indnullsnotdistinct ELSE*/ false /*END*/ AS nulls_not_distinct,
         i.indexprs, ic.reloptions IS NULL AND c.relkind IN ('r', 'p') AS plain_shape
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
), expr AS (
  -- The function an expression index calls, when it is a built-in of one argument that no function of its
  -- name can be confused with (defaults or VARIADIC make calls ambiguous): printed unqualified.
  SELECT x.*,
         CASE WHEN x.indexprs::text LIKE '({FUNCEXPR :funcid % :args (%) :location %})'
              THEN (SELECT ARRAY[p.oid::text, p.proname::text, p.proargtypes[0]::text]
                    FROM pg_proc p
                    WHERE p.oid = substring(x.indexprs::text FROM '^\(\{FUNCEXPR :funcid (\d+) ')::oid
                      AND p.oid < 16384 AND p.pronargs = 1 AND p.prokind = 'f' AND NOT p.proretset
                      AND NOT EXISTS (SELECT FROM pg_proc s
                                      WHERE s.proname = p.proname AND s.pronamespace = p.pronamespace
                                        AND (s.pronargdefaults > 0 OR s.provariadic <> 0)))
         END AS expr_function
  -- Computed once per index (fenced: inlined, every use of `plain` below would evaluate it again).
  FROM idx x
  OFFSET 0
), plain AS (
  -- Every key's operator class is its type's default (computed once: ~100 default classes).
  SELECT x.*, x.plain_shape AND (x.indexprs IS NULL OR x.expr_function IS NOT NULL)
              AND x.indclass::oid[] <@ (SELECT array_agg(oid) FROM pg_opclass WHERE opcdefault)
           AS plain,
         x.indpred IS NOT NULL AND (x.indpred::text LIKE '{NULLTEST :arg {VAR %'
                                    OR x.indpred::text LIKE '{BOOLEXPR :boolop and :args ({NULLTEST :arg {VAR %')
           AS null_tests
  FROM expr x
  OFFSET 0
)
SELECT x.indexrelid AS oid, x.indrelid AS table_oid, x.nspname::text AS schema, x.index_name::text AS name,
       x.table_name::text AS table_name, x.amname::text AS method, x.plain,
       CASE WHEN NOT x.plain THEN
         replace(pg_get_indexdef(x.indexrelid),
                 ' ON ONLY ' || quote_ident(x.nspname) || '.' || quote_ident(x.table_name) || ' ',
                 ' ON ' || quote_ident(x.nspname) || '.' || quote_ident(x.table_name) || ' ')
       END AS definition,
       -- NULL tests on columns (the common `WHERE col IS NOT NULL`) come back as the stored tree, rendered by the
       -- inspector (src/inspect/pg/nodetree.rs); deparsing them here opens each table's relation cache entry.
       CASE WHEN x.plain AND NOT x.null_tests THEN pg_get_expr(x.indpred, x.indrelid) END AS predicate,
       CASE WHEN x.plain AND x.null_tests THEN x.indpred::text END AS predicate_tree,
       CASE WHEN x.plain THEN x.indexprs::text END AS expr_tree, x.expr_function,
       x.indkey::int2[] AS keys, x.indnkeyatts::int4 AS key_count, x.indoption::int2[] AS options,
       x.indcollation::oid[] AS collations, x.indisunique AS is_unique, x.nulls_not_distinct,
       ds.description AS comment
FROM plain x
LEFT JOIN pg_description ds ON ds.objoid = x.indexrelid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
-- Unordered: the inspector keeps these in ordered maps (sorting here cost ~10-20 ms at 5,000 tables).
