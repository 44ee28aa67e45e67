-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: a.sql
-- to:   b.sql
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
-- foreign keys are off while tables are rebuilt (the pragma is ignored inside a transaction)
PRAGMA foreign_keys = OFF;
BEGIN;
PRAGMA legacy_alter_table = ON;
-- hazard table-rewrite: a is rebuilt (copied into a new table)
CREATE TABLE _pgdrift_new_a (
    id INTEGER,
    label TEXT NOT NULL DEFAULT 'a',
    PRIMARY KEY (id)
) STRICT;
INSERT INTO _pgdrift_new_a (id) SELECT id FROM a;
DROP TABLE a;
ALTER TABLE _pgdrift_new_a RENAME TO a;
-- hazard table-rewrite: b is rebuilt (copied into a new table)
-- hazard may-fail: a_id becomes NOT NULL (no default to fill NULLs with)
CREATE TABLE _pgdrift_new_b (
    id INTEGER,
    a_id INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (a_id) REFERENCES a (id) ON DELETE CASCADE
) STRICT;
INSERT INTO _pgdrift_new_b (id, a_id) SELECT id, a_id FROM b;
DROP TABLE b;
ALTER TABLE _pgdrift_new_b RENAME TO b;
-- hazard table-rewrite: c is rebuilt (copied into a new table)
-- hazard may-fail: b_id becomes NOT NULL (no default to fill NULLs with)
CREATE TABLE _pgdrift_new_c (
    id INTEGER,
    b_id INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (b_id) REFERENCES b (id) ON DELETE CASCADE
) STRICT;
INSERT INTO _pgdrift_new_c (id, b_id) SELECT id, b_id FROM c;
DROP TABLE c;
ALTER TABLE _pgdrift_new_c RENAME TO c;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _pgdrift_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_found CHECK (violations = 0));
INSERT INTO _pgdrift_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _pgdrift_fk_check;
COMMIT;
PRAGMA foreign_keys = ON;
