-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: FROM
-- to:   TO
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
BEGIN;
-- hazard deletes-data: column u.nickname and its values
ALTER TABLE u DROP COLUMN nickname;
-- hazard deletes-data: column u.score and its values
ALTER TABLE u DROP COLUMN score;
COMMIT;
