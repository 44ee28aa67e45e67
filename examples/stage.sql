-- The "stage" side of the demo: where the schema should go.
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled');
CREATE TABLE customer (
  id serial PRIMARY KEY,
  email varchar(255) NOT NULL UNIQUE,
  name text
);
COMMENT ON TABLE customer IS 'People who buy things';
CREATE TABLE "order" (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id int NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
  status order_status NOT NULL DEFAULT 'new',
  total numeric(12,2) CHECK (total >= 0),
  placed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_open ON "order" (customer_id) WHERE status IN ('new', 'paid');
