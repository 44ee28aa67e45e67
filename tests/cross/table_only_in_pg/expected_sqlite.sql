-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: FROM
-- to:   TO
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
BEGIN;
CREATE TABLE orders (
    id INTEGER,
    total NUMERIC NOT NULL DEFAULT 0,
    placed TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    note TEXT,
    PRIMARY KEY (id)
);
COMMIT;
