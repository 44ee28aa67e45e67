-- pgdrift 0.1.0: SQL that turns FROM into TO
-- from: FROM
-- to:   TO
-- 2 statement(s)

BEGIN;

CREATE TABLE "public"."extra" (
    "k" text NOT NULL,
    "v" text
);
ALTER TABLE "public"."extra" ADD CONSTRAINT "extra_pkey" PRIMARY KEY (k);

COMMIT;
