-- note: check constraint t.t_qty_check copied as written: review its expression
-- pgdrift 0.1.0: SQL that turns FROM into TO
-- from: FROM
-- to:   TO
-- 1 statement(s)

BEGIN;

ALTER TABLE "public"."t" ADD CONSTRAINT "t_qty_check" CHECK (qty >= 0);

COMMIT;
