INSERT INTO t VALUES (1,'a'),(5,'b');
