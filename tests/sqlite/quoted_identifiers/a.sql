CREATE TABLE "Order Items" ("id" INTEGER PRIMARY KEY, "select" TEXT, [weird"name] TEXT);
