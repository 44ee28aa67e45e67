INSERT INTO Owners VALUES (1, 'ann'); INSERT INTO pets VALUES (1, 1, 3, 'a');
