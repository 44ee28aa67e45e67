-- Columns of every table and view in one statement (pragma_table_xinfo as a table-valued function):
-- declared type, NOT NULL, default text, primary key position, hidden (2 = generated VIRTUAL, 3 = STORED).
SELECT m.name AS relation, p.cid, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden
FROM main.sqlite_schema AS m
JOIN pragma_table_xinfo(m.name) AS p
WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY m.name, p.cid
