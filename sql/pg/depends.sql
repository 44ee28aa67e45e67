-- Dependencies between user objects (OID >= 16384 on both ends), plus extension membership of types,
-- functions, operator classes and families, operators and collations, so that a column, default or index
-- using them is ordered after CREATE EXTENSION (and dropped before DROP EXTENSION).
-- Internal links the translation would drop anyway are left out here (a third of the rows at 5,000
-- tables): triggers of constraints (foreign key and constraint triggers are not modelled apart), TOAST
-- tables and identity sequences (not modelled apart), constraint indexes (they stand for their constraint),
-- row types (they stand for their relation), and array types, except those of extension types (they stand
-- for the extension).
SELECT d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid, d.deptype::text AS deptype
FROM pg_depend d
WHERE d.objid >= 16384 AND d.refobjid >= 16384
  AND ((d.deptype IN ('n', 'a', 'i')
        AND d.classid IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass,
                          'pg_constraint'::regclass, 'pg_attrdef'::regclass, 'pg_rewrite'::regclass,
                          'pg_trigger'::regclass, 'pg_policy'::regclass, 'pg_statistic_ext'::regclass,
                          'pg_event_trigger'::regclass, 'pg_cast'::regclass,
                          'pg_ts_dict'::regclass, 'pg_ts_config'::regclass, 'pg_foreign_data_wrapper'::regclass,
                          'pg_foreign_server'::regclass, 'pg_user_mapping'::regclass, 'pg_operator'::regclass,
                          'pg_language'::regclass, 'pg_transform'::regclass, 'pg_conversion'::regclass,
                          'pg_am'::regclass, 'pg_ts_parser'::regclass, 'pg_ts_template'::regclass,
                          'pg_opfamily'::regclass, 'pg_opclass'::regclass, 'pg_amop'::regclass,
                          'pg_amproc'::regclass))
       OR (d.deptype = 'e' AND d.classid IN ('pg_type'::regclass, 'pg_proc'::regclass, 'pg_opclass'::regclass,
                                             'pg_opfamily'::regclass, 'pg_operator'::regclass,
                                             'pg_collation'::regclass)))
  AND NOT (d.deptype = 'i' AND d.classid = 'pg_trigger'::regclass AND d.refclassid = 'pg_constraint'::regclass)
  AND NOT (d.deptype = 'i' AND d.classid = 'pg_class'::regclass
           AND d.refclassid IN ('pg_class'::regclass, 'pg_constraint'::regclass))
  AND NOT (d.deptype = 'i' AND d.classid = 'pg_type'::regclass AND d.refclassid = 'pg_class'::regclass)
  AND NOT (d.deptype = 'i' AND d.classid = 'pg_type'::regclass AND d.refclassid = 'pg_type'::regclass
           AND d.refobjid NOT IN (SELECT e.objid FROM pg_depend e
                                  WHERE e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_type'::regclass
                                    AND e.deptype = 'e'))
