SELECT "id", "select", "weird""name" FROM "Order Items"
