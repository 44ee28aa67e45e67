//! Rename candidates nobody declared: a table FROM has and TO lacks with exactly the columns of a table TO
//! has and FROM lacks (same schema), or a column a table loses with exactly the type, nullability, default
//! and identity of one it gains. Only one-to-one matches count: two drops or two creates of one shape are
//! ambiguous and never guessed.

use super::RenameOp;
use crate::model::{Catalog, Column, Constraint, Index, QName, Table};

/// A rename that would turn a drop and a create into one `ALTER .. RENAME`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub op: RenameOp,
}

impl Candidate {
    /// `--rename OLD=NEW` as a user would type it.
    pub fn flag(&self) -> String {
        let (old, new) = self.op.describe();
        let arg = format!("{old}={new}");
        // Quoted for a shell where a name needs it.
        if arg.chars().all(|c| c.is_ascii_alphanumeric() || "_.=-".contains(c)) {
            format!("--rename {arg}")
        } else {
            format!("--rename '{}'", arg.replace('\'', "'\\''"))
        }
    }
}

/// What a column must match to be the same column under another name.
fn column_shape(c: &Column) -> impl PartialEq + '_ {
    (&c.data_type, &c.collation, c.not_null, &c.default, c.identity.as_ref().map(|i| i.kind), &c.generated)
}

/// What a table must match: its columns in order, with their shapes and names.
fn table_shape(t: &Table) -> Vec<(&str, &str, bool)> {
    t.columns.iter().map(|c| (c.name.as_str(), c.data_type.as_str(), c.not_null)).collect()
}

/// The unambiguous candidates between FROM and TO.
pub fn candidates(from: &Catalog, to: &Catalog) -> Vec<Candidate> {
    let mut out = Vec::new();
    let gone: Vec<&Table> = from.tables.values().filter(|t| !to.tables.contains_key(&t.name)).collect();
    let new: Vec<&Table> = to.tables.values().filter(|t| !from.tables.contains_key(&t.name)).collect();
    for g in &gone {
        let same = |t: &&&Table| {
            t.name.schema == g.name.schema && table_shape(t) == table_shape(g) && t.is_foreign() == g.is_foreign()
        };
        let matches: Vec<&&Table> = new.iter().filter(same).collect();
        let rivals = gone.iter().filter(|o| table_shape(o) == table_shape(g) && o.name.schema == g.name.schema).count();
        if let ([m], 1) = (matches.as_slice(), rivals) {
            let op = RenameOp::Table { table: g.name.clone(), to: m.name.name.clone(), foreign: g.is_foreign() };
            out.push(Candidate { op });
        }
    }
    for a in from.tables.values() {
        let Some(b) = to.tables.get(&a.name) else { continue };
        columns(&a.name, a, b, &mut out);
        constraints(&a.name, a, b, &mut out);
    }
    indexes(from, to, &mut out);
    out
}

/// Same kind and definition under another name, on one table.
fn constraints(q: &QName, a: &Table, b: &Table, out: &mut Vec<Candidate>) {
    let lost: Vec<&Constraint> = a.constraints.values().filter(|c| !b.constraints.contains_key(&c.name)).collect();
    let gained: Vec<&Constraint> = b.constraints.values().filter(|c| !a.constraints.contains_key(&c.name)).collect();
    let shape = |c: &Constraint| (c.kind, c.definition.clone(), c.validated, c.index_options.clone());
    for l in &lost {
        let matches: Vec<&&Constraint> = gained.iter().filter(|g| shape(g) == shape(l)).collect();
        let rivals = lost.iter().filter(|o| shape(o) == shape(l)).count();
        if let ([m], 1) = (matches.as_slice(), rivals) {
            out.push(Candidate {
                op: RenameOp::Constraint { table: q.clone(), constraint: l.name.clone(), to: m.name.clone() },
            });
        }
    }
}

/// Same table and definition under another name (the name inside the definition aside).
fn indexes(from: &Catalog, to: &Catalog, out: &mut Vec<Candidate>) {
    let lost: Vec<&Index> = from.indexes.values().filter(|i| !to.indexes.contains_key(&i.name)).collect();
    let gained: Vec<&Index> = to.indexes.values().filter(|i| !from.indexes.contains_key(&i.name)).collect();
    let same = |a: &Index, b: &Index| {
        a.table == b.table
            && super::apply::replace_index_name(&a.definition, &a.name.name, &b.name.name) == b.definition
    };
    for l in &lost {
        let matches: Vec<&&Index> = gained.iter().filter(|g| same(l, g)).collect();
        if let [m] = matches.as_slice() {
            let rivals = lost.iter().filter(|o| same(o, m)).count();
            if rivals == 1 {
                out.push(Candidate { op: RenameOp::Index { index: l.name.clone(), to: m.name.name.clone() } });
            }
        }
    }
}

fn columns(q: &QName, a: &Table, b: &Table, out: &mut Vec<Candidate>) {
    let lost: Vec<&Column> = a.columns.iter().filter(|c| b.column(&c.name).is_none() && c.origin.is_local()).collect();
    let gained: Vec<&Column> =
        b.columns.iter().filter(|c| a.column(&c.name).is_none() && c.origin.is_local()).collect();
    for l in &lost {
        let matches: Vec<&&Column> = gained.iter().filter(|g| column_shape(g) == column_shape(l)).collect();
        let rivals = lost.iter().filter(|o| column_shape(o) == column_shape(l)).count();
        if let ([m], 1) = (matches.as_slice(), rivals) {
            out.push(Candidate {
                op: RenameOp::Column { table: q.clone(), column: l.name.clone(), to: m.name.clone() },
            });
        }
    }
}
