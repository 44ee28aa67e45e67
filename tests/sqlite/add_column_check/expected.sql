-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: a.sql
-- to:   b.sql
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
-- foreign keys are off while tables are rebuilt (the pragma is ignored inside a transaction)
PRAGMA foreign_keys = OFF;
BEGIN;
PRAGMA legacy_alter_table = ON;
-- hazard table-rewrite: t is rebuilt (copied into a new table)
-- hazard may-fail: constraint t_price_check is checked against existing rows
CREATE TABLE _pgdrift_new_t (
    id INTEGER,
    price REAL,
    PRIMARY KEY (id),
    CHECK (price >= 0)
);
INSERT INTO _pgdrift_new_t (id, price) SELECT id, price FROM t;
DROP TABLE t;
ALTER TABLE _pgdrift_new_t RENAME TO t;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _pgdrift_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_found CHECK (violations = 0));
INSERT INTO _pgdrift_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _pgdrift_fk_check;
COMMIT;
PRAGMA foreign_keys = ON;
