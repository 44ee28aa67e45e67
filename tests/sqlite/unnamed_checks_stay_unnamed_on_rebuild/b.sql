CREATE TABLE patients (id INTEGER PRIMARY KEY, age INT CHECK (age >= 0), name TEXT NOT NULL DEFAULT '', CHECK (length(name) < 100), CONSTRAINT named_one CHECK (id > 0));
