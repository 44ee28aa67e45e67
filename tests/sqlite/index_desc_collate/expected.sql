-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: a.sql
-- to:   b.sql
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
BEGIN;
-- hazard index-build: t_sort on an existing table
CREATE INDEX t_sort ON t(name COLLATE NOCASE, ts DESC);
COMMIT;
