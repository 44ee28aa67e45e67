CREATE TABLE t (id serial PRIMARY KEY, label varchar(20));
