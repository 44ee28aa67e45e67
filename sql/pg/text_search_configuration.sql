-- Text search configurations in the filtered schemas (not extension members): parser, and one row per
-- mapping (token type named by the parser, dictionary, position), ordered; a configuration without
-- mappings comes as one row with NULL mapping columns.
SELECT c.oid, n.nspname::text AS schema, c.cfgname::text AS name,
       pn.nspname::text AS parser_schema, p.prsname::text AS parser_name,
       m.token, m.dict_schema, m.dict_name,
       obj_description(c.oid, 'pg_ts_config') AS comment
FROM pg_ts_config c
JOIN pg_namespace n ON n.oid = c.cfgnamespace
JOIN pg_ts_parser p ON p.oid = c.cfgparser
JOIN pg_namespace pn ON pn.oid = p.prsnamespace
LEFT JOIN LATERAL (
  SELECT tt.alias::text AS token, dn.nspname::text AS dict_schema, d.dictname::text AS dict_name, cm.mapseqno
  FROM pg_ts_config_map cm
  JOIN ts_token_type(c.cfgparser) tt ON tt.tokid = cm.maptokentype
  JOIN pg_ts_dict d ON d.oid = cm.mapdict
  JOIN pg_namespace dn ON dn.oid = d.dictnamespace
  WHERE cm.mapcfg = c.oid
) m ON true
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
                  AND e.classid = 'pg_ts_config'::regclass AND e.objid = c.oid)
ORDER BY n.nspname, c.cfgname, m.token, m.mapseqno
