-- The "prod" side of the demo: an app schema as it runs today.
CREATE TYPE order_status AS ENUM ('new', 'paid', 'cancelled');
CREATE TABLE customer (
  id serial PRIMARY KEY,
  email varchar(100) NOT NULL UNIQUE,
  legacy_code text
);
CREATE TABLE "order" (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id int NOT NULL REFERENCES customer(id),
  status order_status NOT NULL DEFAULT 'new',
  total numeric(10,2)
);
INSERT INTO customer (email) VALUES ('ada@example.com');
INSERT INTO "order" (customer_id, total) VALUES (1, 9.99);
