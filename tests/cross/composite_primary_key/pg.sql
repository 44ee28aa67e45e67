CREATE TABLE m (a bigint NOT NULL, b bigint NOT NULL, PRIMARY KEY (a, b));
