//! Decoding of catalog rows into model objects; OIDs are recorded only in the `OidMap`.

use super::depends::OidMap;
use super::{decode_err, Failure};
use crate::model::*;
use postgres::types::FromSql;
use postgres::Row;
use std::collections::HashMap;

pub(super) fn get<'a, T: FromSql<'a>>(row: &'a Row, col: &str) -> Result<T, Failure> {
    row.try_get(col).map_err(|e| decode_err(format!("catalog column {col}"), e))
}

pub(super) fn schemas(cat: &mut Catalog, rows: impl Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let name: String = get(r, "name")?;
        cat.schemas.insert(name.clone(), Schema { name, comment: get(r, "comment")? });
    }
    Ok(())
}

pub(super) fn extensions(cat: &mut Catalog, oids: &mut OidMap, rows: impl Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let name: String = get(r, "name")?;
        oids.extensions.insert(get(r, "oid")?, ObjectId::extension(&name));
        let ext = Extension {
            name: name.clone(),
            schema: get(r, "schema")?,
            version: get(r, "version")?,
            comment: get(r, "comment")?,
            fixed_schema: !get::<bool>(r, "relocatable")?,
        };
        cat.extensions.insert(name, ext);
    }
    Ok(())
}

pub(super) fn enums(cat: &mut Catalog, oids: &mut OidMap, rows: impl Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let id = ObjectId::of(Kind::Enum, &name);
        oids.types.insert(get(r, "oid")?, id.clone());
        oids.types.insert(get(r, "array_oid")?, id);
        cat.enums.insert(name.clone(), EnumType { name, labels: get(r, "labels")?, comment: get(r, "comment")? });
    }
    Ok(())
}

pub(super) fn domains(cat: &mut Catalog, oids: &mut OidMap, rows: impl Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let id = ObjectId::of(Kind::Domain, &name);
        oids.types.insert(get(r, "oid")?, id.clone());
        oids.types.insert(get(r, "array_oid")?, id.clone());
        for con in get::<Vec<u32>>(r, "constraint_oids")? {
            oids.constraints.insert(con, id.clone());
        }
        let names: Vec<String> = get(r, "constraint_names")?;
        let defs: Vec<String> = get(r, "constraint_defs")?;
        let valid: Vec<bool> = get(r, "constraint_valid")?;
        let constraints = names
            .into_iter()
            .zip(defs)
            .zip(valid)
            .map(|((name, def), validated)| DomainConstraint {
                name,
                definition: def.strip_suffix(" NOT VALID").unwrap_or(&def).to_string(),
                validated,
            })
            .collect();
        let d = Domain {
            name: name.clone(),
            base: get(r, "base")?,
            collation: get(r, "collation")?,
            default: get(r, "default_expr")?,
            not_null: get(r, "not_null")?,
            constraints,
            comment: get(r, "comment")?,
        };
        cat.domains.insert(name, d);
    }
    Ok(())
}

pub(super) fn composites(cat: &mut Catalog, oids: &mut OidMap, rows: impl Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let id = ObjectId::of(Kind::Composite, &name);
        oids.types.insert(get(r, "oid")?, id.clone());
        oids.types.insert(get(r, "array_oid")?, id.clone());
        oids.classes.insert(get(r, "class_oid")?, id);
        let names: Vec<String> = get(r, "attribute_names")?;
        let types: Vec<String> = get(r, "attribute_types")?;
        let collations: Vec<String> = get(r, "attribute_collations")?;
        let attributes = names
            .into_iter()
            .zip(types)
            .zip(collations)
            .map(|((name, data_type), c)| Attribute { name, data_type, collation: (!c.is_empty()).then_some(c) })
            .collect();
        cat.composites.insert(name.clone(), CompositeType { name, attributes, comment: get(r, "comment")? });
    }
    Ok(())
}

pub(super) fn ranges(cat: &mut Catalog, oids: &mut OidMap, rows: impl Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let id = ObjectId::of(Kind::Range, &name);
        oids.types.insert(get(r, "oid")?, id.clone());
        oids.types.insert(get(r, "multirange_oid")?, id);
        let range = RangeType {
            name: name.clone(),
            subtype: get(r, "subtype")?,
            options: get(r, "options")?,
            comment: get(r, "comment")?,
        };
        cat.ranges.insert(name, range);
    }
    Ok(())
}

pub(super) fn collations(cat: &mut Catalog, oids: &mut OidMap, rows: impl Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        oids.collations.insert(get(r, "oid")?, ObjectId::of(Kind::Collation, &name));
        let provider: String = get(r, "provider")?;
        let icu = provider == "icu";
        let collation = Collation {
            name: name.clone(),
            locale: get(r, "locale")?,
            // ICU collations carry no LC_COLLATE / LC_CTYPE of their own (older servers copy the locale).
            lc_collate: if icu { None } else { get(r, "lc_collate")? },
            lc_ctype: if icu { None } else { get(r, "lc_ctype")? },
            provider,
            deterministic: get(r, "deterministic")?,
            comment: get(r, "comment")?,
        };
        cat.collations.insert(name, collation);
    }
    Ok(())
}

pub(super) fn aggregates(cat: &mut Catalog, oids: &mut OidMap, rows: impl Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let identity_args: String = get(r, "identity_args")?;
        oids.procs.insert(get(r, "oid")?, ObjectId::new(Kind::Aggregate, &name.schema, &name.name, &identity_args));
        let agg = Aggregate {
            name: name.clone(),
            identity_args: identity_args.clone(),
            arguments: get(r, "arguments")?,
            options: get(r, "options")?,
            comment: get(r, "comment")?,
        };
        cat.aggregates.insert((name, identity_args), agg);
    }
    Ok(())
}

pub(super) fn functions(cat: &mut Catalog, oids: &mut OidMap, rows: impl Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let identity_args: String = get(r, "identity_args")?;
        oids.procs.insert(get(r, "oid")?, ObjectId::new(Kind::Function, &name.schema, &name.name, &identity_args));
        let kind = match get::<&str>(r, "kind")? {
            "f" | "w" => FunctionKind::Function,
            "p" => FunctionKind::Procedure,
            other => {
                return Err(decode_err(
                    format!("function {name}({identity_args})"),
                    format!("unexpected prokind {other:?}"),
                ))
            }
        };
        let f = Function {
            name: name.clone(),
            identity_args: identity_args.clone(),
            arguments: get(r, "arguments")?,
            result: get::<Option<String>>(r, "result")?.unwrap_or_default(),
            kind,
            definition: get(r, "definition")?,
            comment: get(r, "comment")?,
        };
        cat.functions.insert((name, identity_args), f);
    }
    Ok(())
}

/// The table and name of an object that lives on a table (trigger, policy), its OID recorded under `kind`.
fn table_member(r: &Row, kind: Kind, map: &mut HashMap<u32, ObjectId>) -> Result<(QName, String), Failure> {
    let table = QName::new(get::<String>(r, "schema")?, get::<String>(r, "table_name")?);
    let name: String = get(r, "name")?;
    map.insert(get(r, "oid")?, ObjectId::new(kind, &table.schema, &table.name, &name));
    Ok((table, name))
}

/// A catalog code decoded into its enum (an unknown code is an error naming the object, never a guess).
fn code<T: for<'a> TryFrom<&'a str, Error = String>>(r: &Row, column: &str, object: &str) -> Result<T, Failure> {
    let text: String = get(r, column)?;
    T::try_from(text.as_str()).map_err(|e| decode_err(object, e))
}

pub(super) fn triggers(cat: &mut Catalog, oids: &mut OidMap, rows: impl Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let (table, name) = table_member(r, Kind::Trigger, &mut oids.triggers)?;
        let t = Trigger {
            table: table.clone(),
            name: name.clone(),
            definition: get(r, "definition")?,
            enabled: code(r, "enabled", &format!("trigger {table}.{name}"))?,
            comment: get(r, "comment")?,
        };
        cat.triggers.insert((table, name), t);
    }
    Ok(())
}

pub(super) fn policies(cat: &mut Catalog, oids: &mut OidMap, rows: impl Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let (table, name) = table_member(r, Kind::Policy, &mut oids.policies)?;
        let p = Policy {
            table: table.clone(),
            name: name.clone(),
            permissive: get(r, "permissive")?,
            command: code(r, "command", &format!("policy {table}.{name}"))?,
            roles: get::<Option<Vec<String>>>(r, "roles")?.unwrap_or_default(),
            using: get(r, "using_expr")?,
            check: get(r, "check_expr")?,
            comment: get(r, "comment")?,
        };
        cat.policies.insert((table, name), p);
    }
    Ok(())
}

pub(super) fn unmodelled(cat: &mut Catalog, rows: impl Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        cat.unmodelled.insert(Unmodelled {
            kind: get(r, "kind")?,
            schema: get(r, "schema")?,
            name: get(r, "name")?,
            definition: get::<Option<String>>(r, "definition")?.unwrap_or_default(),
        });
    }
    Ok(())
}

pub(super) fn privileges(cat: &mut Catalog, owners: bool, rows: impl Iterator<Item = Row>) -> Result<(), Failure> {
    cat.grants_known = true;
    for r in rows {
        let r = &r;
        let kind: String = get(r, "kind")?;
        let schema: String = get(r, "schema")?;
        let name: String = get(r, "name")?;
        let sub: String = get(r, "sub")?;
        if let Some(label) = kind.strip_prefix("member ") {
            let what = || format!("privileges of {schema}.{name}");
            let class = MemberClass::try_from(label).map_err(|e| decode_err(what(), e))?;
            let on = match class {
                MemberClass::Function | MemberClass::Procedure => ObjectId::new(Kind::Function, &schema, &name, &sub),
                MemberClass::Type => ObjectId::new(Kind::Enum, &schema, &name, ""),
                MemberClass::Sequence => ObjectId::new(Kind::Sequence, &schema, &name, ""),
                MemberClass::Table => ObjectId::new(Kind::Table, &schema, &name, ""),
            };
            let (Some(grantee), Some(privilege), Some(extension)) =
                (get::<Option<String>>(r, "grantee")?, get(r, "privilege")?, get(r, "extension")?)
            else {
                continue;
            };
            let grant = Grant { on, grantee, privilege, grantable: get(r, "grantable")? };
            cat.member_grants.insert(MemberGrant { extension, grant, initial: get(r, "initial")?, class });
            continue;
        }
        let on = match kind.as_str() {
            "schema" => ObjectId::schema(&name),
            "table" => ObjectId::new(Kind::Table, &schema, &name, ""),
            "view" => ObjectId::new(Kind::View, &schema, &name, ""),
            "sequence" => ObjectId::new(Kind::Sequence, &schema, &name, ""),
            "column" => ObjectId::new(Kind::Column, &schema, &name, &sub),
            "function" | "procedure" => ObjectId::new(Kind::Function, &schema, &name, &sub),
            "aggregate" => ObjectId::new(Kind::Aggregate, &schema, &name, &sub),
            "enum" => ObjectId::new(Kind::Enum, &schema, &name, ""),
            "domain" => ObjectId::new(Kind::Domain, &schema, &name, ""),
            "composite" => ObjectId::new(Kind::Composite, &schema, &name, ""),
            "range" => ObjectId::new(Kind::Range, &schema, &name, ""),
            other => {
                return Err(decode_err(format!("privileges of {schema}.{name}"), format!("unknown kind {other:?}")))
            }
        };
        // Privileges of objects not modelled (partitions, foreign tables) travel with their report.
        if !cat.contains(&on) {
            continue;
        }
        match (get::<Option<String>>(r, "grantee")?, get::<Option<String>>(r, "privilege")?) {
            (Some(grantee), Some(privilege)) => {
                if grantee == crate::model::OWNER_GRANTEE {
                    cat.acl_owners.insert(on.clone(), get(r, "owner")?);
                }
                cat.grants.insert(Grant { on, grantee, privilege, grantable: get(r, "grantable")? });
            }
            _ if owners => {
                cat.owners.insert(Owner { on, role: get(r, "owner")? });
            }
            _ => {}
        }
    }
    Ok(())
}

pub(super) fn default_privileges(cat: &mut Catalog, rows: impl Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let (role, schema): (String, String) = (get(r, "role")?, get(r, "schema")?);
        let objtype: DefaultObjType = code(r, "objtype", &format!("default privileges of {role}"))?;
        let fresh = cat
            .default_privileges
            .last()
            .is_none_or(|d| (&d.role, &d.schema, &d.objtype) != (&role, &schema, &objtype));
        if fresh {
            cat.default_privileges.push(DefaultPrivileges { role, schema, objtype, grants: vec![] });
        }
        if let (Some(grantee), Some(privilege)) =
            (get::<Option<String>>(r, "grantee")?, get::<Option<String>>(r, "privilege")?)
        {
            if let Some(d) = cat.default_privileges.last_mut() {
                d.grants.push((grantee, privilege, get(r, "grantable")?));
            }
        }
    }
    Ok(())
}

pub(super) fn publications(cat: &mut Catalog, rows: impl Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let schemas: Vec<String> = get(r, "table_schemas")?;
        let names: Vec<String> = get(r, "table_names")?;
        let p = Publication {
            name: get(r, "name")?,
            all_tables: get(r, "all_tables")?,
            publish: get(r, "publish")?,
            via_root: get(r, "via_root")?,
            tables: schemas.iter().zip(&names).map(|(s, n)| QName::new(s, n)).collect(),
            comment: get(r, "comment")?,
        };
        cat.publications.insert(p.name.clone(), p);
    }
    Ok(())
}
