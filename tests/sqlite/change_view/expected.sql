-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: a.sql
-- to:   b.sql
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --plan ...)
BEGIN;
PRAGMA legacy_alter_table = ON;
DROP VIEW names;
CREATE VIEW names AS SELECT id, name FROM t WHERE name IS NOT NULL;
PRAGMA legacy_alter_table = OFF;
COMMIT;
