-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: a.sql
-- to:   b.sql
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
BEGIN;
CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN INSERT INTO log VALUES ('insert ' || new.id); END;
COMMIT;
