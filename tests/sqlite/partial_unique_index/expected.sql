-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: a.sql
-- to:   b.sql
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
BEGIN;
-- hazard index-build: t_email_live on an existing table
CREATE UNIQUE INDEX t_email_live ON t(email) WHERE deleted = 0;
COMMIT;
