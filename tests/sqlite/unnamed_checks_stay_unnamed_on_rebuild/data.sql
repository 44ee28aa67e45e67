INSERT INTO patients (age, name) VALUES (30, 'ann'), (40, NULL);
