-- pgdrift 0.1.0: SQL that turns FROM into TO
-- from: FROM
-- to:   TO
-- 1 statement(s)

BEGIN;

CREATE UNIQUE INDEX t_b_desc ON public.t USING btree (b DESC);

COMMIT;
