//! Rows of `sql/pg/column.sql` into the columns of the tables `table.sql` listed.

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{decode_err, Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;
use std::collections::HashMap;

/// One table's columns as gathered, with their attnums.
type TableColumns<'t> = (&'t QName, Vec<(i32, Column)>);

/// Rows of `sql/pg/column.sql`: each table's columns in attnum order, with column privileges.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, cols: attrs, tables, identities, show_secrets, .. } = d;
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
        if get::<Option<Vec<String>>>(r, "fdw_options")?.is_some() {
            let options = crate::pg::inspect::rows::fdw_options(r, "fdw_options", *show_secrets)?;
            if let Some(f) = cat.tables.get_mut(tname).and_then(|t| t.foreign.as_mut()) {
                f.column_options.insert(name.clone(), options);
            }
        }
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
