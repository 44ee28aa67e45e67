CREATE TABLE ev (id INTEGER PRIMARY KEY, ts TEXT, kind TEXT);
CREATE INDEX ev_ts ON ev (ts) WHERE ts IS NOT NULL;
CREATE UNIQUE INDEX ev_kind ON ev (kind) WHERE kind <> 'x';
