SELECT * FROM t ORDER BY id
SELECT seq FROM sqlite_sequence WHERE name = 't'
