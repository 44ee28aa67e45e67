-- note: partial index ev_kind copied with its predicate as written: review it
-- note: partial index ev_ts copied with its predicate as written: review it
-- pgdrift 0.1.0: SQL that turns FROM into TO
-- from: FROM
-- to:   TO
-- 2 statement(s)

BEGIN;

CREATE UNIQUE INDEX ev_kind ON public.ev USING btree (kind) WHERE kind <> 'x';
CREATE INDEX ev_ts ON public.ev USING btree (ts) WHERE ts IS NOT NULL;

COMMIT;
