-- Operator classes in the filtered schemas (not extension members), with their members as JSON: operators
-- (strategy, {schema, name}, operand types, the sort family of an ORDER BY operator) and support functions
-- (number, operand types, {schema, name}, identity arguments), each with its pg_amop / pg_amproc OID (for
-- pg_depend). A member belongs to the class when pg_depend ties it to the class; the rest of a family's
-- members are the family's own (operator_family.sql).
SELECT c.oid, 'pg_opclass'::regclass::oid AS classid, 'pg_amop'::regclass::oid AS amop_class,
       'pg_amproc'::regclass::oid AS amproc_class, n.nspname::text AS schema, c.opcname::text AS name,
       am.amname::text AS method, c.opcdefault AS is_default, format_type(c.opcintype, NULL) AS type_name,
       fn.nspname::text AS family_schema, f.opfname::text AS family_name,
       CASE WHEN c.opckeytype <> 0 THEN format_type(c.opckeytype, NULL) END AS storage,
       (SELECT coalesce(json_agg(json_build_object(
                 'oid', o.oid::int8, 'strategy', o.amopstrategy, 'schema', opn.nspname, 'name', op.oprname,
                 'left', format_type(o.amoplefttype, NULL), 'right', format_type(o.amoprighttype, NULL),
                 'sort_schema', sfn.nspname, 'sort_name', sf.opfname) ORDER BY o.amopstrategy), '[]')::text
        FROM pg_amop o
        JOIN pg_operator op ON op.oid = o.amopopr JOIN pg_namespace opn ON opn.oid = op.oprnamespace
        LEFT JOIN pg_opfamily sf ON sf.oid = o.amopsortfamily LEFT JOIN pg_namespace sfn ON sfn.oid = sf.opfnamespace
        WHERE EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_amop'::regclass AND d.objid = o.oid
                        AND d.refclassid = 'pg_opclass'::regclass AND d.refobjid = c.oid)) AS operators,
       (SELECT coalesce(json_agg(json_build_object(
                 'oid', p.oid::int8, 'number', p.amprocnum, 'left', format_type(p.amproclefttype, NULL),
                 'right', format_type(p.amprocrighttype, NULL), 'schema', pn.nspname, 'name', pr.proname,
                 'args', pg_get_function_identity_arguments(pr.oid)) ORDER BY p.amprocnum), '[]')::text
        FROM pg_amproc p
        JOIN pg_proc pr ON pr.oid = p.amproc JOIN pg_namespace pn ON pn.oid = pr.pronamespace
        WHERE EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_amproc'::regclass AND d.objid = p.oid
                        AND d.refclassid = 'pg_opclass'::regclass AND d.refobjid = c.oid)) AS functions,
       obj_description(c.oid, 'pg_opclass') AS comment
FROM pg_opclass c
JOIN pg_namespace n ON n.oid = c.opcnamespace
JOIN pg_am am ON am.oid = c.opcmethod
JOIN pg_opfamily f ON f.oid = c.opcfamily
JOIN pg_namespace fn ON fn.oid = f.opfnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT (n.nspname = ANY ($2::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e'
                  AND e.classid = 'pg_opclass'::regclass AND e.objid = c.oid)
ORDER BY n.nspname, c.opcname, am.amname
