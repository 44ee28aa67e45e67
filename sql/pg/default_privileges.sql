-- ALTER DEFAULT PRIVILEGES: one row per entry of pg_default_acl and grantee (the role's own rights left
-- out), plus one row with a NULL grantee per entry, so that an entry granting nothing (e.g. EXECUTE revoked
-- from PUBLIC on future functions) is still seen. Global entries replace the built-in default.
SELECT pg_get_userbyid(d.defaclrole)::text AS role, coalesce(n.nspname::text, '') AS schema,
       d.defaclobjtype::text AS objtype,
       CASE WHEN a.grantee IS NULL THEN NULL WHEN a.grantee = 0 THEN 'PUBLIC'
            ELSE pg_get_userbyid(a.grantee)::text END AS grantee,
       a.privilege_type::text AS privilege, coalesce(a.is_grantable, false) AS grantable
FROM pg_default_acl d
LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
LEFT JOIN LATERAL (SELECT * FROM aclexplode(d.defaclacl) x WHERE x.grantee <> d.defaclrole
                   UNION ALL SELECT NULL, NULL, NULL, NULL) AS a ON true
WHERE d.defaclnamespace = 0
   OR ((cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[])) AND NOT (n.nspname = ANY ($2::text[])))
ORDER BY 1, 2, 3, 4, 5
