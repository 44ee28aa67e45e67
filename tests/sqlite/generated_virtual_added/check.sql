SELECT id, first, last FROM t
