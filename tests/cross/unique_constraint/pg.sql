CREATE TABLE t (id bigint PRIMARY KEY, code text);
