CREATE TABLE t (
  id INTEGER PRIMARY KEY,
  qty INTEGER CHECK ( qty > 0 ) -- positive
);
