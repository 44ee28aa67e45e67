INSERT INTO parent VALUES (1,'p1'),(2,'p2');
INSERT INTO child VALUES (10,1,'x'),(11,2,'y');
INSERT INTO grandchild VALUES (100,10);
