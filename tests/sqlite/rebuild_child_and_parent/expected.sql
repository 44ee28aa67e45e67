-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: a.sql
-- to:   b.sql
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
-- foreign keys are off while tables are rebuilt (the pragma is ignored inside a transaction)
PRAGMA foreign_keys = OFF;
BEGIN;
PRAGMA legacy_alter_table = ON;
-- hazard table-rewrite: parent is rebuilt (copied into a new table)
-- hazard may-fail: name becomes NOT NULL (no default to fill NULLs with)
CREATE TABLE _pgdrift_new_parent (
    id INTEGER,
    name TEXT NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO _pgdrift_new_parent (id, name) SELECT id, name FROM parent;
DROP TABLE parent;
ALTER TABLE _pgdrift_new_parent RENAME TO parent;
-- hazard table-rewrite: child is rebuilt (copied into a new table)
-- hazard may-fail: parent_id becomes NOT NULL (no default to fill NULLs with)
CREATE TABLE _pgdrift_new_child (
    id INTEGER,
    parent_id INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE
);
INSERT INTO _pgdrift_new_child (id, parent_id) SELECT id, parent_id FROM child;
DROP TABLE child;
ALTER TABLE _pgdrift_new_child RENAME TO child;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _pgdrift_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_found CHECK (violations = 0));
INSERT INTO _pgdrift_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _pgdrift_fk_check;
COMMIT;
PRAGMA foreign_keys = ON;
