-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: FROM
-- to:   TO
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
BEGIN;
-- hazard index-dropped: ev_kind
DROP INDEX ev_kind;
-- hazard index-dropped: ev_ts
DROP INDEX ev_ts;
COMMIT;
