-- Event triggers (database-wide) whose function is in the filtered schemas: one that runs a function of an
-- excluded schema belongs to what is excluded (a platform's, under a profile). Extension members excluded.
SELECT e.oid, e.evtname::text AS name, e.evtevent::text AS event, coalesce(e.evttags, '{}')::text[] AS tags,
       pn.nspname::text AS function_schema, p.proname::text AS function_name, e.evtenabled::text AS enabled,
       obj_description(e.oid, 'pg_event_trigger') AS comment
FROM pg_event_trigger e
JOIN pg_proc p ON p.oid = e.evtfoid
JOIN pg_namespace pn ON pn.oid = p.pronamespace
WHERE (cardinality($1::text[]) = 0 OR pn.nspname = ANY ($1::text[]))
  AND NOT (pn.nspname = ANY ($2::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
                  AND d.classid = 'pg_event_trigger'::regclass AND d.objid = e.oid)
ORDER BY e.evtname
