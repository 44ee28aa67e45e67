-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: a.sql
-- to:   b.sql
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
-- foreign keys are off while tables are rebuilt (the pragma is ignored inside a transaction)
PRAGMA foreign_keys = OFF;
BEGIN;
PRAGMA legacy_alter_table = ON;
-- hazard table-rewrite: Order Items is rebuilt (copied into a new table)
CREATE TABLE "_pgdrift_new_Order Items" (
    id INTEGER,
    "select" TEXT NOT NULL DEFAULT 'it''s',
    "weird""name" TEXT,
    "Mixed Case" INTEGER,
    PRIMARY KEY (id)
);
INSERT INTO "_pgdrift_new_Order Items" (id, "select", "weird""name") SELECT id, coalesce("select", 'it''s'), "weird""name" FROM "Order Items";
DROP TABLE "Order Items";
ALTER TABLE "_pgdrift_new_Order Items" RENAME TO "Order Items";
-- hazard index-build: Order Items by select on an existing table
CREATE INDEX "Order Items by select" ON "Order Items"("select");
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _pgdrift_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_found CHECK (violations = 0));
INSERT INTO _pgdrift_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _pgdrift_fk_check;
COMMIT;
PRAGMA foreign_keys = ON;
