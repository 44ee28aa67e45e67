-- Every schema object of the main database with its stored SQL, and its kind per pragma_table_list
-- (table, view, shadow, virtual) for tables. Internal sqlite_* objects are left out.
SELECT m.type, m.name, m.tbl_name, m.sql, COALESCE(l.type, '') AS table_kind, COALESCE(l.wr, 0) AS without_rowid,
       COALESCE(l.strict, 0) AS strict
FROM main.sqlite_schema AS m
LEFT JOIN pragma_table_list AS l ON l.schema = 'main' AND l.name = m.name AND m.type IN ('table', 'view')
WHERE m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY m.type, m.name
