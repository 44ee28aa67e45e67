-- Definitions the inspector could not render itself, by OID: constraints ($1: a foreign key to a table
-- outside the inspected schemas) and indexes ($2: a key with its own collation). Sent on every inspection
-- (the query count stays fixed), usually with empty arrays.
SELECT 'c' AS kind, con.oid, pg_get_constraintdef(con.oid) AS definition
FROM pg_constraint con
WHERE con.oid = ANY ($1::oid[])
UNION ALL
SELECT 'i', i.indexrelid, pg_get_indexdef(i.indexrelid)
FROM pg_index i
WHERE i.indexrelid = ANY ($2::oid[])
