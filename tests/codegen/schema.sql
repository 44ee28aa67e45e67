CREATE TYPE order_status AS ENUM ('new', 'in progress', 'done!', '1st', 'class');
CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE TYPE address AS (street text, zip varchar(10), geo double precision[]);
CREATE TABLE customer (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email email NOT NULL,
  name text,
  status order_status NOT NULL DEFAULT 'new',
  addresses address[],
  score numeric(10,2),
  ratio real,
  big double precision,
  active boolean NOT NULL DEFAULT true,
  uid uuid,
  born date,
  seen timestamptz DEFAULT now(),
  local_ts timestamp(3),
  wake time,
  wait interval,
  avatar bytea,
  prefs jsonb,
  raw json,
  tags text[][],
  code char(3),
  ci posint,
  "class" int,
  "from" text,
  "has space" int,
  loc point,
  upper_name text GENERATED ALWAYS AS (upper(name)) STORED
);
CREATE TABLE "order" (id serial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customer(id), total numeric NOT NULL);
CREATE SCHEMA billing;
CREATE TABLE billing."order" (id int PRIMARY KEY);
CREATE VIEW active_customer AS SELECT id, email, status FROM customer WHERE active;
