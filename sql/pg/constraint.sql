-- Table constraints (primary key, unique, foreign key, check, exclusion) of in-scope tables.
-- Constraints a partition or child only inherits (cloned from the parent: conparentid, or merged from it:
-- coninhcount) belong to the parent and are left out. conindid maps a constraint's own index (p, u, x) to the constraint in pg_depend translation.
-- Primary and foreign keys come back raw (definition NULL) and are rendered by the inspector from the table
-- and column names it already holds (src/inspect/pg/render.rs): pg_get_constraintdef fills cold caches one
-- constraint at a time, the largest cost of this query at 5,000 tables. A foreign key whose ON DELETE names
-- columns (PostgreSQL 15+) is still rendered here. A primary key's index_keys is its index's key count
-- followed by all its attnums (the INCLUDE columns come after the keys). The index columns come from
-- scalar subqueries (index probes for the few thousand constraints) instead of joins that would hash all of
-- pg_class and pg_index. A check comparing a column with a constant (`CHECK (price > 0)`, the common shape)
-- comes back as its stored tree with the built-in operator it calls, also rendered by the inspector
-- (src/inspect/pg/exprs.rs); other checks are deparsed here.
WITH con AS (
  SELECT con.*,
         CASE WHEN con.contype = 'c' AND NOT con.connoinherit AND /*>=180000 con.conenforced ELSE*/ true /*END*/
                   AND con.conbin::text LIKE '{OPEXPR :opno % :args ({VAR %} {CONST :consttype 23 %}) :location %}'
              THEN (SELECT ARRAY[o.oid::text, o.oprname::text, o.oprleft::text, o.oprright::text]
                    FROM pg_operator o
                    WHERE o.oid = substring(con.conbin::text FROM '^\{OPEXPR :opno (\d+) ')::oid
                      AND o.oid < 16384 AND o.oprkind = 'b')
         END AS check_operator
  FROM pg_constraint con
  WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conparentid = 0 AND con.coninhcount = 0
  -- Computed once per constraint (fenced: inlined, each use below would evaluate it again).
  OFFSET 0
)
SELECT con.oid, con.conrelid AS table_oid, con.conname::text AS name, con.contype::text AS kind,
       CASE WHEN con.contype = 'p' OR con.check_operator IS NOT NULL
              OR (con.contype = 'f' AND /*>=150000 con.confdelsetcols IS NULL ELSE*/ true /*END*/) THEN NULL
            ELSE pg_get_constraintdef(con.oid) END AS definition,
       CASE WHEN con.check_operator IS NOT NULL THEN con.conbin::text END AS check_tree, con.check_operator,
       con.convalidated AS validated,
       CASE WHEN con.contype IN ('p', 'u', 'x') THEN con.conindid END AS index_oid,
       CASE WHEN con.contype IN ('p', 'u', 'x')
            THEN coalesce((SELECT ic.reloptions FROM pg_class ic WHERE ic.oid = con.conindid), '{}')
            ELSE '{}' END AS index_options,
       ds.description AS comment,
       con.conkey AS keys, con.confkey AS ref_keys, con.confrelid AS ref_table,
       con.confmatchtype::text AS match_type, con.confupdtype::text AS on_update,
       con.confdeltype::text AS on_delete, con.condeferrable AS deferrable, con.condeferred AS deferred,
       CASE WHEN con.contype = 'p'
            THEN (SELECT ix.indnkeyatts || ix.indkey::int2[] FROM pg_index ix WHERE ix.indexrelid = con.conindid)
       END AS index_keys
FROM con
JOIN pg_class c ON c.oid = con.conrelid
LEFT JOIN pg_description ds ON ds.objoid = con.oid AND ds.classoid = 'pg_constraint'::regclass AND ds.objsubid = 0
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relkind IN ('r', 'p', 'f')
  AND con.conparentid = 0 AND con.coninhcount = 0
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
-- Unordered: the inspector keeps these in ordered maps (sorting here cost ~10-20 ms at 5,000 tables).
