SELECT * FROM child ORDER BY id
SELECT * FROM grandchild
SELECT id, name FROM parent ORDER BY id
