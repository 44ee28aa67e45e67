CREATE TABLE a (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, total numeric(10,2) NOT NULL DEFAULT 0, placed timestamptz NOT NULL DEFAULT now(), note text);
