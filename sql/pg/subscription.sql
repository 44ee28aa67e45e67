-- Subscriptions of the current database (pg_subscription is shared), without the connection string
-- (subconninfo: readable by superusers only, and it holds passwords).
SELECT s.oid, 'pg_subscription'::regclass::oid AS classid, s.subname::text AS name,
       s.subpublications AS publications,
       s.subenabled AS enabled, s.subslotname::text AS slot_name, s.subsynccommit AS synchronous_commit,
       s.subbinary AS binary, s.substream::text AS streaming, s.subtwophasestate::text <> 'd' AS two_phase,
       s.subdisableonerr AS disable_on_error, obj_description(s.oid, 'pg_subscription') AS comment
FROM pg_subscription s
WHERE s.subdbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
ORDER BY s.subname
