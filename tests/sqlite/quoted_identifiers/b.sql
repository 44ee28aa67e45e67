CREATE TABLE "Order Items" ("id" INTEGER PRIMARY KEY, "select" TEXT NOT NULL DEFAULT 'it''s', [weird"name] TEXT, `Mixed Case` INTEGER);
CREATE INDEX "Order Items by select" ON "Order Items" ("select");
