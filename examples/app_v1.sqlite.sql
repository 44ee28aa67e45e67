-- A small notes app, version 1 (SQLite). examples/app_v1.db is this file plus a few rows.
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    name TEXT
);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT,
    body TEXT,
    legacy_flags TEXT,
    created_at TEXT DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX notes_user ON notes (user_id);
CREATE VIEW note_titles AS SELECT n.id, u.email, n.title FROM notes n JOIN users u ON u.id = n.user_id;
