-- Dependencies between user objects (OID >= 16384 on both ends), plus extension membership of types and
-- functions so that a column or default using them can be ordered after CREATE EXTENSION.
SELECT d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid, d.deptype::text AS deptype
FROM pg_depend d
WHERE d.objid >= 16384 AND d.refobjid >= 16384
  AND d.classid IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass,
                    'pg_constraint'::regclass, 'pg_attrdef'::regclass, 'pg_rewrite'::regclass,
                    'pg_trigger'::regclass, 'pg_policy'::regclass)
  AND (d.deptype IN ('n', 'a', 'i')
       OR (d.deptype = 'e' AND d.classid IN ('pg_type'::regclass, 'pg_proc'::regclass)))
