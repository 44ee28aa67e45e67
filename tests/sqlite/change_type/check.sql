SELECT id, qty + 0 FROM t ORDER BY id
