-- pgdrift 0.1.0: SQLite SQL that turns FROM into TO
-- from: a.sql
-- to:   b.sql
-- run with: sqlite3 -bail DATABASE < this-file   (or: pgdrift apply --target sqlite:DATABASE --to ...)
BEGIN;
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    created TEXT DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (email)
);
CREATE TABLE posts (
    id INTEGER,
    user_id INTEGER NOT NULL,
    body TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX posts_user ON posts(user_id);
CREATE VIEW post_counts AS SELECT user_id, count(*) AS n FROM posts GROUP BY user_id;
COMMIT;
