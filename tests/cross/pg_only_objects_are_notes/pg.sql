CREATE TABLE t (id bigint PRIMARY KEY, n integer);
CREATE FUNCTION twice(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x * 2';
CREATE VIEW doubled AS SELECT id, twice(n) AS d FROM t;
CREATE SCHEMA audit;
CREATE TABLE audit.log (id bigint PRIMARY KEY);
