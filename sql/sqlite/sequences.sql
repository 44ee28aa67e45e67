-- AUTOINCREMENT counters (only when some table uses AUTOINCREMENT does sqlite_sequence exist).
SELECT name, seq FROM main.sqlite_sequence ORDER BY name
