CREATE TABLE t (id bigint PRIMARY KEY, keep text, legacy text);
