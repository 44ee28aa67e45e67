//! Rows of `sql/pg/table.sql` into tables (their columns and constraints come from their own queries).

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// Rows of `sql/pg/table.sql` (tables are remembered by OID for the per-table queries that follow).
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, tables: by_oid, show_secrets, .. } = d;
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
            access_method: get(r, "access_method")?,
            foreign: match get::<Option<String>>(r, "foreign_server")? {
                Some(server) => Some(ForeignTable {
                    server,
                    options: crate::pg::inspect::rows::fdw_options(r, "foreign_options", *show_secrets)?,
                    column_options: Default::default(),
                }),
                None => None,
            },
        };
        by_oid.insert(oid, name.clone());
        cat.tables.insert(name, table);
    }
    Ok(())
}
