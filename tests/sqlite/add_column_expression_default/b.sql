CREATE TABLE t (id INTEGER PRIMARY KEY, stamp TEXT DEFAULT (datetime('now')));
