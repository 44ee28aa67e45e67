SELECT id, keep FROM t
