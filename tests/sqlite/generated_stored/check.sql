SELECT id, price, qty FROM t
