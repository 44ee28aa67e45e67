CREATE TABLE t (id INTEGER PRIMARY KEY, first TEXT, last TEXT, full AS (first || ' ' || last));
