-- pgdrift 0.1.0: SQL that turns FROM into TO
-- from: FROM
-- to:   TO
-- 2 statement(s)

BEGIN;

ALTER TABLE "public"."u" ADD COLUMN "nickname" text;
ALTER TABLE "public"."u" ADD COLUMN "score" double precision DEFAULT 0;

COMMIT;
