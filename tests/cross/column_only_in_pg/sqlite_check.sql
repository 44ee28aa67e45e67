SELECT id, email FROM u
