INSERT INTO t VALUES (1,'a',0),(2,'a',1);
