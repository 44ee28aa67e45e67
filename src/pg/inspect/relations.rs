//! Decoding of relations: sequences (and the options of identity columns' sequences), tables, their
//! columns (with column privileges) and views; OIDs are recorded only in the `OidMap`.

use super::depends::OidMap;
use super::rows::get;
use super::{decode_err, Failure};
use crate::model::*;
use postgres::Row;
use std::collections::HashMap;

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
pub(super) type IdentityOptions = HashMap<(u32, i32), (SeqOptions, QName)>;

pub(super) fn sequences(
    cat: &mut Catalog,
    oids: &mut OidMap,
    rows: impl Iterator<Item = Row>,
) -> Result<IdentityOptions, Failure> {
    let mut identities = HashMap::new();
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        if let Some(table) = get::<Option<u32>>(r, "identity_of_table")? {
            identities.insert((table, get::<i32>(r, "identity_of_column")?), (seq_options(r)?, name));
            continue;
        }
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
            replica_identity: match get::<Option<String>>(r, "replica_identity")?.as_deref() {
                Some("full") => Some(ReplicaIdentity::Full),
                Some("nothing") => Some(ReplicaIdentity::Nothing),
                // USING INDEX whose index is gone behaves as the default.
                Some("index") => get::<Option<String>>(r, "replica_index")?.map(ReplicaIdentity::UsingIndex),
                Some(_) | None => None,
            },
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
            code => {
                let (options, sequence) = identities.remove(&(table_oid, attnum)).ok_or_else(|| {
                    decode_err(format!("column {tname}.{name}"), "identity column without its sequence")
                })?;
                Some(Identity {
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
                    options,
                    sequence: Some(sequence),
                })
            }
        };
        let attributes = attributes(r, tname, &name)?;
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
            attributes,
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
        if let Some(cols) = get::<Option<Vec<String>>>(r, "acl_columns")? {
            let grantees: Vec<String> = get::<Option<_>>(r, "acl_grantees")?.unwrap_or_default();
            let privileges: Vec<String> = get::<Option<_>>(r, "acl_privileges")?.unwrap_or_default();
            let grantable: Vec<bool> = get::<Option<_>>(r, "acl_grantable")?.unwrap_or_default();
            if grantees.len() != cols.len() || privileges.len() != cols.len() || grantable.len() != cols.len() {
                return Err(decode_err(format!("column privileges of view {name}"), "ragged ACL arrays"));
            }
            for (((col, grantee), privilege), grantable) in
                cols.into_iter().zip(grantees).zip(privileges).zip(grantable)
            {
                cat.grants.insert(Grant { on: ObjectId::column(&name, &col), grantee, privilege, grantable });
            }
        }
        let view = View { name: name.clone(), materialized, definition, options, columns, comment: get(r, "comment")? };
        cat.views.insert(name, view);
    }
    Ok(())
}

/// Storage, compression, statistics target and options of one column row.
fn attributes(r: &Row, table: &QName, column: &str) -> Result<ColumnAttributes, Failure> {
    let what = || format!("column {table}.{column}");
    let code = |c: Option<String>| -> Result<Option<Storage>, Failure> {
        c.map(|c| Storage::try_from(c.as_str()).map_err(|e| decode_err(what(), e))).transpose()
    };
    let storage = match (code(get(r, "storage")?)?, code(get(r, "type_storage")?)?) {
        (Some(strategy), Some(type_default)) => Some(StorageOverride { strategy, type_default }),
        _ => None,
    };
    let compression = get::<Option<String>>(r, "compression")?
        .map(|c| Compression::try_from(c.as_str()).map_err(|e| decode_err(what(), e)))
        .transpose()?;
    let mut options: Vec<String> = get::<Option<Vec<String>>>(r, "attribute_options")?.unwrap_or_default();
    options.sort();
    Ok(ColumnAttributes { storage, compression, statistics: get(r, "statistics")?, options })
}
