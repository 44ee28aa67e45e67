INSERT INTO "Order Items" VALUES (1, 'a', 'b');
