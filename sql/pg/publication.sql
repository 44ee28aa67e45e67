-- Publications (database-wide): options, member tables in the filtered schemas (parallel arrays of schema
-- and name, with each member's row filter and column list, PostgreSQL 15+) and FOR TABLES IN SCHEMA.
SELECT p.pubname::text AS name, p.puballtables AS all_tables,
       array_remove(ARRAY[CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END,
                          CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END],
                    NULL) AS publish,
       p.pubviaroot AS via_root,
       coalesce(array_agg(n.nspname::text ORDER BY n.nspname, c.relname) FILTER (WHERE n.oid IS NOT NULL), '{}') AS table_schemas,
       coalesce(array_agg(c.relname::text ORDER BY n.nspname, c.relname) FILTER (WHERE n.oid IS NOT NULL), '{}') AS table_names,
       coalesce(array_agg(/*>=150000 pg_get_expr(pr.prqual, pr.prrelid) ELSE*/ NULL::text /*END*/ ORDER BY n.nspname, c.relname)
                FILTER (WHERE n.oid IS NOT NULL), '{}') AS row_filters,
       -- Each member's column list joined by commas (names quoted by quote_ident), NULL without one.
       coalesce(array_agg(/*>=150000 (SELECT string_agg(quote_ident(a.attname), ',' ORDER BY a.attnum)
                                      FROM pg_attribute a
                                      WHERE a.attrelid = pr.prrelid AND a.attnum = ANY (pr.prattrs)) ELSE*/ NULL::text /*END*/
                          ORDER BY n.nspname, c.relname) FILTER (WHERE n.oid IS NOT NULL), '{}') AS column_lists,
       /*>=150000 (SELECT coalesce(array_agg(sn.nspname::text ORDER BY sn.nspname), '{}')
                  FROM pg_publication_namespace pn JOIN pg_namespace sn ON sn.oid = pn.pnnspid
                  WHERE pn.pnpubid = p.oid
                    AND (cardinality($1::text[]) = 0 OR sn.nspname = ANY ($1::text[]))
                    AND NOT (sn.nspname = ANY ($2::text[]))) ELSE*/ '{}'::text[] /*END*/ AS schemas,
       obj_description(p.oid, 'pg_publication') AS comment
FROM pg_publication p
LEFT JOIN pg_publication_rel pr ON pr.prpubid = p.oid
LEFT JOIN pg_class c ON c.oid = pr.prrelid
LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
     AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[])) AND NOT (n.nspname = ANY ($2::text[]))
GROUP BY p.oid, p.pubname, p.puballtables, p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate, p.pubviaroot
ORDER BY p.pubname
