-- Procedural languages a user created (OID at or above FirstNormalObjectId, not extension members): trust
-- and handler, inline handler and validator, each as {schema, name} (they take fixed arguments).
SELECT l.oid, 'pg_language'::regclass::oid AS classid, l.lanname::text AS name, l.lanpltrusted AS trusted,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = l.lanplcallfoid) AS handler_fn,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = l.laninline) AS inline_fn,
       (SELECT ARRAY[pn.nspname::text, pp.proname::text] FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = l.lanvalidator) AS validator_fn,
       obj_description(l.oid, 'pg_language') AS comment
FROM pg_language l
WHERE l.oid >= 16384
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
                  AND e.classid = 'pg_language'::regclass AND e.objid = l.oid)
ORDER BY l.lanname
