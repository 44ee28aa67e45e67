CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT, deleted INTEGER DEFAULT 0);
CREATE UNIQUE INDEX t_email_live ON t (email) WHERE deleted = 0;
