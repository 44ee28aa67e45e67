//! Constraints and indexes the inspector cannot render itself (`Pending`, filled by the constraint and
//! index kinds' decoders): the server deparses them in one last query by OID (`sql/pg/deparse.sql`).

use super::rows::get;
use super::{decode_err, Failure};
use crate::model::*;
use postgres::Row;

/// Objects left for the server to deparse, by OID.
#[derive(Default)]
pub(crate) struct Pending {
    /// (OID, table, constraint name).
    pub constraints: Vec<(u32, QName, String)>,
    /// (OID, index name, the index name as the server quotes it).
    pub indexes: Vec<(u32, QName, String)>,
}

impl Pending {
    pub fn oids(&self) -> (Vec<u32>, Vec<u32>) {
        (self.constraints.iter().map(|c| c.0).collect(), self.indexes.iter().map(|i| i.0).collect())
    }
}

/// `pg_get_constraintdef` text without its ` NOT VALID` suffix: that state is the model's `validated`.
pub(crate) fn without_not_valid(mut d: String) -> String {
    if let Some(stripped) = d.strip_suffix(" NOT VALID") {
        d.truncate(stripped.len());
    }
    d
}

/// Fill in what the server deparsed for `Pending` objects.
pub(super) fn deparsed(cat: &mut Catalog, pending: Pending, rows: Vec<Row>) -> Result<(), Failure> {
    let mut texts = std::collections::HashMap::with_capacity(rows.len());
    for r in &rows {
        let kind: &str = get(r, "kind")?;
        texts.insert((kind == "i", get::<u32>(r, "oid")?), get::<String>(r, "definition")?);
    }
    let mut take = |index: bool, oid: u32, what: &dyn std::fmt::Display| {
        texts.remove(&(index, oid)).ok_or_else(|| decode_err(what.to_string(), "the server did not deparse it"))
    };
    for (oid, table, name) in pending.constraints {
        let d = without_not_valid(take(false, oid, &format_args!("constraint {name} on {table}"))?);
        if let Some(c) = cat.tables.get_mut(&table).and_then(|t| t.constraints.get_mut(&name)) {
            c.definition = d;
        }
    }
    for (oid, name, quoted) in pending.indexes {
        let d = take(true, oid, &format_args!("index {name}"))?;
        // A partitioned table's index is written ON ONLY; the model's is the cascading form.
        let d = d.replacen(&format!(" INDEX {quoted} ON ONLY "), &format!(" INDEX {quoted} ON "), 1);
        if let Some(i) = cat.indexes.get_mut(&name) {
            i.definition = d;
        }
    }
    Ok(())
}
