CREATE TABLE t (id bigint PRIMARY KEY, status text DEFAULT 'new');
