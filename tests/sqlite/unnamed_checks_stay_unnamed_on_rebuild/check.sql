SELECT id, age FROM patients ORDER BY id
