-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: a.sql
-- to:   b.sql
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
BEGIN;
DROP VIEW top;
DROP VIEW base;
ALTER TABLE t ADD COLUMN extra TEXT;
CREATE VIEW base AS SELECT id, name, extra FROM t;
CREATE VIEW top AS SELECT name, extra FROM base;
COMMIT;
