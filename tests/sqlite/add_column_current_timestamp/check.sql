SELECT id, name FROM t ORDER BY id
