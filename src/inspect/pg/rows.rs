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

fn seq_options(r: &Row) -> Result<SeqOptions, Failure> {
    Ok(SeqOptions {
        start: get(r, "seqstart")?,
        increment: get(r, "seqincrement")?,
        min: get(r, "seqmin")?,
        max: get(r, "seqmax")?,
        cache: get(r, "seqcache")?,
        cycle: get(r, "seqcycle")?,
    })
}

/// One table's columns as gathered, with their attnums.
type TableColumns<'t> = (&'t QName, Vec<(i32, Column)>);

/// The options of identity columns' sequences, by (table OID, attnum).
pub(super) type IdentityOptions = HashMap<(u32, i32), SeqOptions>;

pub(super) fn sequences(
    cat: &mut Catalog,
    oids: &mut OidMap,
    rows: impl Iterator<Item = Row>,
) -> Result<IdentityOptions, Failure> {
    let mut identities = HashMap::new();
    for r in rows {
        let r = &r;
        if let Some(table) = get::<Option<u32>>(r, "identity_of_table")? {
            identities.insert((table, get::<i32>(r, "identity_of_column")?), seq_options(r)?);
            continue;
        }
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        oids.classes.insert(get(r, "oid")?, ObjectId::of(Kind::Sequence, &name));
        let owned_by = match get::<Option<String>>(r, "owner_table")? {
            Some(t) => Some((QName::new(get::<String>(r, "owner_schema")?, t), get::<String>(r, "owner_column")?)),
            None => None,
        };
        let seq = Sequence {
            name: name.clone(),
            data_type: get(r, "data_type")?,
            options: seq_options(r)?,
            unlogged: get(r, "unlogged")?,
            owned_by,
            comment: get(r, "comment")?,
        };
        cat.sequences.insert(name, seq);
    }
    Ok(identities)
}

/// Table OID -> name, for the per-table queries that follow.
pub(super) type TableOids = HashMap<u32, QName>;

pub(super) fn tables(
    cat: &mut Catalog,
    oids: &mut OidMap,
    rows: impl Iterator<Item = Row>,
) -> Result<TableOids, Failure> {
    let mut by_oid = HashMap::new();
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let oid: u32 = get(r, "oid")?;
        oids.classes.insert(oid, ObjectId::of(Kind::Table, &name));
        let mut options: Vec<String> = get(r, "options")?;
        options.sort();
        let schemas: Vec<String> = get(r, "parent_schemas")?;
        let names: Vec<String> = get(r, "parent_names")?;
        let mut parents: Vec<QName> = schemas.iter().zip(&names).map(|(s, n)| QName::new(s, n)).collect();
        let partition_of = match get::<Option<String>>(r, "partition_bound")? {
            Some(bound) if !parents.is_empty() => Some(PartitionOf { parent: parents.remove(0), bound }),
            _ => None,
        };
        let lineage = Lineage { partition_by: get(r, "partition_by")?, partition_of, inherits: parents };
        let table = Table {
            name: name.clone(),
            unlogged: get(r, "unlogged")?,
            options,
            rls: get(r, "rls")?,
            force_rls: get(r, "force_rls")?,
            replica_identity: get(r, "replica_identity")?,
            columns: Vec::new(),
            constraints: Default::default(),
            comment: get(r, "comment")?,
            sqlite: None,
            lineage,
        };
        by_oid.insert(oid, name.clone());
        cat.tables.insert(name, table);
    }
    Ok(by_oid)
}

pub(super) fn columns(
    cat: &mut Catalog,
    oids: &mut OidMap,
    attrs: &mut super::render::Columns,
    tables: &TableOids,
    identities: &mut IdentityOptions,
    rows: impl Iterator<Item = Row>,
) -> Result<(), Failure> {
    // Rows arrive in no particular order: each table's columns are gathered (keyed by OID, a cheap hash)
    // and handed over once, in attnum order.
    let mut gathered: HashMap<u32, TableColumns> = HashMap::with_capacity(tables.len());
    for r in rows {
        let r = &r;
        let table_oid: u32 = get(r, "table_oid")?;
        let Some(tname) = tables.get(&table_oid) else {
            continue;
        };
        let name: String = get(r, "name")?;
        let attnum: i32 = get(r, "attnum")?;
        let id = ObjectId::column(tname, &name);
        if let Some(grantees) = get::<Option<Vec<String>>>(r, "acl_grantees")? {
            let privileges: Vec<String> = get::<Option<_>>(r, "acl_privileges")?.unwrap_or_default();
            let grantable: Vec<bool> = get::<Option<_>>(r, "acl_grantable")?.unwrap_or_default();
            if privileges.len() != grantees.len() || grantable.len() != grantees.len() {
                return Err(decode_err(format!("privileges of column {tname}.{name}"), "ragged ACL arrays"));
            }
            for ((grantee, privilege), grantable) in grantees.into_iter().zip(privileges).zip(grantable) {
                cat.grants.insert(Grant { on: id.clone(), grantee, privilege, grantable });
            }
        }
        if let Some(def_oid) = get::<Option<u32>>(r, "attrdef_oid")? {
            oids.attrdefs.insert(def_oid, id.clone());
        }
        attrs.attrs.insert((table_oid, attnum as i16), (id.sub.clone(), get(r, "collation_oid")?));
        oids.columns.insert((table_oid, attnum), id);
        let identity = match get::<String>(r, "identity")?.as_str() {
            "" => None,
            code => Some(Identity {
                kind: match code {
                    "a" => IdentityKind::Always,
                    "d" => IdentityKind::ByDefault,
                    other => {
                        return Err(decode_err(
                            format!("column {tname}.{name}"),
                            format!("unknown identity kind {other:?}"),
                        ))
                    }
                },
                options: identities.remove(&(table_oid, attnum)).ok_or_else(|| {
                    decode_err(format!("column {tname}.{name}"), "identity column without its sequence")
                })?,
            }),
        };
        let column = Column {
            name,
            data_type: get(r, "type")?,
            collation: get(r, "collation")?,
            not_null: get(r, "not_null")?,
            default: get(r, "default_expr")?,
            identity,
            generated: get(r, "generated_expr")?,
            generated_virtual: false,
            origin: match (get::<bool>(r, "inherited")?, get::<bool>(r, "local")?) {
                (false, _) => ColumnOrigin::Local,
                (true, false) => ColumnOrigin::Inherited,
                (true, true) => ColumnOrigin::Both,
            },
            comment: get(r, "comment")?,
        };
        gathered.entry(table_oid).or_insert_with(|| (tname, Vec::new())).1.push((attnum, column));
    }
    for (_, (tname, mut cols)) in gathered {
        cols.sort_unstable_by_key(|(attnum, _)| *attnum);
        if let Some(t) = cat.tables.get_mut(tname) {
            t.columns.extend(cols.into_iter().map(|(_, c)| c));
        }
    }
    Ok(())
}

/// Materialized views join `relations` (they can carry indexes).
pub(super) fn views(
    cat: &mut Catalog,
    oids: &mut OidMap,
    relations: &mut TableOids,
    rows: impl Iterator<Item = Row>,
) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let id = ObjectId::of(Kind::View, &name);
        let oid: u32 = get(r, "oid")?;
        let materialized: bool = get(r, "materialized")?;
        if materialized {
            relations.insert(oid, name.clone());
        }
        oids.classes.insert(oid, id.clone());
        if let Some(rw) = get::<Option<u32>>(r, "rewrite_oid")? {
            oids.rewrites.insert(rw, id);
        }
        let definition: String = get(r, "definition")?;
        let mut options: Vec<String> = get(r, "options")?;
        options.sort();
        let definition = definition.trim_end().trim_end_matches(';').to_string();
        let names: Vec<String> = get(r, "column_names")?;
        let types: Vec<String> = get(r, "column_types")?;
        let columns = names.into_iter().zip(types).collect();
        let view = View { name: name.clone(), materialized, definition, options, columns, comment: get(r, "comment")? };
        cat.views.insert(name, view);
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

pub(super) fn triggers(cat: &mut Catalog, oids: &mut OidMap, rows: impl Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let (table, name) = table_member(r, Kind::Trigger, &mut oids.triggers)?;
        let t = Trigger {
            table: table.clone(),
            name: name.clone(),
            definition: get(r, "definition")?,
            enabled: get(r, "enabled")?,
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
            command: get(r, "command")?,
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
        let (role, schema, objtype): (String, String, String) =
            (get(r, "role")?, get(r, "schema")?, get(r, "objtype")?);
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
