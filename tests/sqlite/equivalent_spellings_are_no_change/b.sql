CREATE TABLE owners (id integer primary key, name text);
CREATE TABLE pets (
  id integer primary key, owner int, age int, tag text,
  UNIQUE (tag), CHECK (age >= 0), FOREIGN KEY (owner) REFERENCES owners (id)
);
create index pets_owner on PETS (owner);
create view adults as select id, name from owners;
CREATE TABLE notes (x TEXT);
