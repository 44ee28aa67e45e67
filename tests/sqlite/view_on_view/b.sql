CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, extra TEXT);
CREATE VIEW base AS SELECT id, name, extra FROM t;
CREATE VIEW top AS SELECT name, extra FROM base;
