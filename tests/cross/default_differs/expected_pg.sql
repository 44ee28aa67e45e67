-- pgdrift 0.1.0: SQL that turns FROM into TO
-- from: FROM
-- to:   TO
-- 1 statement(s)

BEGIN;

ALTER TABLE "public"."t" ALTER COLUMN "status" SET DEFAULT 'draft';

COMMIT;
