-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: a.sql
-- to:   b.sql
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
-- foreign keys are off while tables are rebuilt (the pragma is ignored inside a transaction)
PRAGMA foreign_keys = OFF;
BEGIN;
PRAGMA legacy_alter_table = ON;
-- hazard table-rewrite: patients is rebuilt (copied into a new table)
CREATE TABLE _pgdrift_new_patients (
    id INTEGER,
    age INT,
    name TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (id),
    CONSTRAINT named_one CHECK (id > 0),
    CHECK (age >= 0),
    CHECK (length(name) < 100)
);
INSERT INTO _pgdrift_new_patients (id, age, name) SELECT id, age, coalesce(name, '') FROM patients;
DROP TABLE patients;
ALTER TABLE _pgdrift_new_patients RENAME TO patients;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _pgdrift_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_found CHECK (violations = 0));
INSERT INTO _pgdrift_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _pgdrift_fk_check;
COMMIT;
PRAGMA foreign_keys = ON;
