CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE p (id bigint PRIMARY KEY, m mood NOT NULL DEFAULT 'happy');
