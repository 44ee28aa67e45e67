INSERT INTO t VALUES (1, 'k', 'l');
