INSERT INTO t (name) VALUES ('a'),('b'),('c'),('d');
DELETE FROM t WHERE id > 2;
