//! Decoding of catalog rows into model objects; OIDs are recorded only in the `OidMap`.

use super::{decode_err, Failure};
use crate::model::*;
use postgres::types::FromSql;
use postgres::Row;
use std::collections::HashMap;

pub(crate) fn get<'a, T: FromSql<'a>>(row: &'a Row, col: &str) -> Result<T, Failure> {
    row.try_get(col).map_err(|e| decode_err(format!("catalog column {col}"), e))
}

/// The table and name of an object that lives on a table (trigger, policy), its OID recorded under `kind`.
pub(crate) fn table_member(r: &Row, kind: Kind, map: &mut HashMap<u32, ObjectId>) -> Result<(QName, String), Failure> {
    let table = QName::new(get::<String>(r, "schema")?, get::<String>(r, "table_name")?);
    let name: String = get(r, "name")?;
    map.insert(get(r, "oid")?, ObjectId::new(kind, &table.schema, &table.name, &name));
    Ok((table, name))
}

/// A `{schema, name}` array (a function or operator a catalog row names), or none.
pub(crate) fn qualified(r: &Row, column: &str) -> Result<Option<QName>, Failure> {
    match get::<Option<Vec<String>>>(r, column)? {
        Some(v) if v.len() == 2 => Ok(Some(QName::new(&v[0], &v[1]))),
        Some(v) => Err(decode_err(format!("catalog column {column}"), format!("expected {{schema, name}}, got {v:?}"))),
        None => Ok(None),
    }
}

/// `qualified`, where the catalog always names one.
pub(crate) fn required(r: &Row, column: &str) -> Result<QName, Failure> {
    qualified(r, column)?.ok_or_else(|| decode_err(format!("catalog column {column}"), "missing"))
}

/// A catalog code decoded into its enum (an unknown code is an error naming the object, never a guess).
pub(crate) fn code<T: for<'a> TryFrom<&'a str, Error = String>>(
    r: &Row,
    column: &str,
    object: &str,
) -> Result<T, Failure> {
    let text: String = get(r, column)?;
    T::try_from(text.as_str()).map_err(|e| decode_err(object, e))
}

/// Generic options as the catalog keeps them (`name=value`), secrets by digest (see `FdwOption::read`).
pub(crate) fn fdw_options(r: &Row, column: &str, show_secrets: bool) -> Result<Vec<FdwOption>, Failure> {
    let raw: Vec<String> = get(r, column)?;
    Ok(raw
        .into_iter()
        .map(|o| {
            let (name, value) = o.split_once('=').unwrap_or((&o, ""));
            FdwOption::read(name.to_string(), value.to_string(), show_secrets)
        })
        .collect())
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
            "foreign-data wrapper" => ObjectId::new(Kind::ForeignDataWrapper, "", &name, ""),
            "foreign server" => ObjectId::new(Kind::ForeignServer, "", &name, ""),
            "statistics" => ObjectId::new(Kind::Statistics, &schema, &name, ""),
            "text search dictionary" => ObjectId::new(Kind::TsDictionary, &schema, &name, ""),
            "text search configuration" => ObjectId::new(Kind::TsConfiguration, &schema, &name, ""),
            "event trigger" => ObjectId::new(Kind::EventTrigger, "", &name, ""),
            "subscription" => ObjectId::new(Kind::Subscription, "", &name, ""),
            "publication" => ObjectId::new(Kind::Publication, "", &name, ""),
            "operator" => ObjectId::new(Kind::Operator, &schema, &name, &sub),
            "operator class" => ObjectId::new(Kind::OperatorClass, &schema, &name, &sub),
            "operator family" => ObjectId::new(Kind::OperatorFamily, &schema, &name, &sub),
            "conversion" => ObjectId::new(Kind::Conversion, &schema, &name, ""),
            "language" => ObjectId::new(Kind::Language, "", &name, ""),
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
