-- Operator families in the filtered schemas (not extension members), with their loose members as JSON
-- (operator_class.sql's shape): those pg_depend does not tie to an operator class.
SELECT f.oid, 'pg_opfamily'::regclass::oid AS classid, 'pg_amop'::regclass::oid AS amop_class,
       'pg_amproc'::regclass::oid AS amproc_class, n.nspname::text AS schema, f.opfname::text AS name,
       am.amname::text AS method,
       (SELECT coalesce(json_agg(json_build_object(
                 'oid', o.oid::int8, 'strategy', o.amopstrategy, 'schema', opn.nspname, 'name', op.oprname,
                 'left', format_type(o.amoplefttype, NULL), 'right', format_type(o.amoprighttype, NULL),
                 'sort_schema', sfn.nspname, 'sort_name', sf.opfname)
                 ORDER BY o.amopstrategy, o.amoplefttype, o.amoprighttype), '[]')::text
        FROM pg_amop o
        JOIN pg_operator op ON op.oid = o.amopopr JOIN pg_namespace opn ON opn.oid = op.oprnamespace
        LEFT JOIN pg_opfamily sf ON sf.oid = o.amopsortfamily LEFT JOIN pg_namespace sfn ON sfn.oid = sf.opfnamespace
        WHERE o.amopfamily = f.oid
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_amop'::regclass AND d.objid = o.oid
                            AND d.refclassid = 'pg_opclass'::regclass)) AS operators,
       (SELECT coalesce(json_agg(json_build_object(
                 'oid', p.oid::int8, 'number', p.amprocnum, 'left', format_type(p.amproclefttype, NULL),
                 'right', format_type(p.amprocrighttype, NULL), 'schema', pn.nspname, 'name', pr.proname,
                 'args', pg_get_function_identity_arguments(pr.oid))
                 ORDER BY p.amprocnum, p.amproclefttype, p.amprocrighttype), '[]')::text
        FROM pg_amproc p
        JOIN pg_proc pr ON pr.oid = p.amproc JOIN pg_namespace pn ON pn.oid = pr.pronamespace
        WHERE p.amprocfamily = f.oid
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_amproc'::regclass AND d.objid = p.oid
                            AND d.refclassid = 'pg_opclass'::regclass)) AS functions,
       obj_description(f.oid, 'pg_opfamily') AS comment
FROM pg_opfamily f
JOIN pg_namespace n ON n.oid = f.opfnamespace
JOIN pg_am am ON am.oid = f.opfmethod
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
                  AND e.classid = 'pg_opfamily'::regclass AND e.objid = f.oid)
ORDER BY n.nspname, f.opfname, am.amname
