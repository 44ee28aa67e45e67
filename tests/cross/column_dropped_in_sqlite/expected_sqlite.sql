-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: FROM
-- to:   TO
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
BEGIN;
ALTER TABLE t ADD COLUMN legacy TEXT;
COMMIT;
