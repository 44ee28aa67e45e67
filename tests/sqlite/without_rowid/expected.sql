-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: a.sql
-- to:   b.sql
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
-- foreign keys are off while tables are rebuilt (the pragma is ignored inside a transaction)
PRAGMA foreign_keys = OFF;
BEGIN;
PRAGMA legacy_alter_table = ON;
-- hazard table-rewrite: kv is rebuilt (copied into a new table)
-- hazard may-fail: k becomes NOT NULL (no default to fill NULLs with)
CREATE TABLE _pgdrift_new_kv (
    k TEXT NOT NULL,
    v TEXT,
    PRIMARY KEY (k)
) WITHOUT ROWID;
INSERT INTO _pgdrift_new_kv (k, v) SELECT k, v FROM kv;
DROP TABLE kv;
ALTER TABLE _pgdrift_new_kv RENAME TO kv;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _pgdrift_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_found CHECK (violations = 0));
INSERT INTO _pgdrift_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _pgdrift_fk_check;
COMMIT;
PRAGMA foreign_keys = ON;
