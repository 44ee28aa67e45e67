-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: FROM
-- to:   TO
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
BEGIN;
ALTER TABLE u ADD COLUMN active BOOLEAN NOT NULL DEFAULT 1;
COMMIT;
