SELECT * FROM child
SELECT * FROM parent
