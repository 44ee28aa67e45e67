CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);
CREATE INDEX t_lname ON t (upper(name));
