-- Publications (database-wide): options and member tables in the filtered schemas, as parallel arrays of
-- schema and name. (Row filters, column lists and FOR TABLES IN SCHEMA, PostgreSQL 15+, are not read yet.)
SELECT p.pubname::text AS name, p.puballtables AS all_tables,
       array_remove(ARRAY[CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END,
                          CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END],
                    NULL) AS publish,
       p.pubviaroot AS via_root,
       coalesce(array_agg(n.nspname::text ORDER BY n.nspname, c.relname) FILTER (WHERE n.oid IS NOT NULL), '{}') AS table_schemas,
       coalesce(array_agg(c.relname::text ORDER BY n.nspname, c.relname) FILTER (WHERE n.oid IS NOT NULL), '{}') AS table_names,
       obj_description(p.oid, 'pg_publication') AS comment
FROM pg_publication p
LEFT JOIN pg_publication_rel pr ON pr.prpubid = p.oid
LEFT JOIN pg_class c ON c.oid = pr.prrelid
LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
     AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[])) AND NOT (n.nspname = ANY ($2::text[]))
GROUP BY p.oid, p.pubname, p.puballtables, p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate, p.pubviaroot
ORDER BY p.pubname
