-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: a.sql
-- to:   b.sql
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
BEGIN;
-- hazard index-dropped: t_lname
DROP INDEX t_lname;
-- hazard index-build: t_lname on an existing table
CREATE INDEX t_lname ON t(upper(name));
COMMIT;
