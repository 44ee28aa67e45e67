-- Row level security policies of the tables table.sql lists (roles by name; PUBLIC for everyone).
SELECT p.oid, n.nspname::text AS schema, c.relname::text AS table_name, p.polname::text AS name,
       p.polpermissive AS permissive, p.polcmd::text AS command,
       CASE WHEN p.polroles = '{0}' THEN ARRAY['PUBLIC']
            ELSE (SELECT array_agg(r.rolname::text ORDER BY r.rolname) FROM pg_roles r WHERE r.oid = ANY (p.polroles))
       END AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using_expr,
       pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr,
       ds.description AS comment
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description ds ON ds.objoid = p.oid AND ds.classoid = 'pg_policy'::regclass AND ds.objsubid = 0
WHERE c.relkind IN ('r', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
ORDER BY n.nspname, c.relname, p.polname
