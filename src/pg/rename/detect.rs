//! Rename candidates nobody declared: a table FROM has and TO lacks with the column types (in order) and
//! at least half the column names of a table TO has and FROM lacks (same schema), or a column a table loses with exactly the type, nullability, default
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
    /// The candidate as a suggestion (`--rename OLD=NEW`).
    pub fn suggested(&self) -> crate::renames::Suggested {
        let (old, new) = self.op.describe();
        crate::renames::Suggested { old, new }
    }
}

/// What a column must match to be the same column under another name.
fn column_shape(c: &Column) -> impl PartialEq + '_ {
    (&c.data_type, &c.collation, c.not_null, &c.default, c.identity.as_ref().map(|i| i.kind), &c.generated)
}

/// Whether `b` looks like `a` renamed: the same column types in the same order, and at least half of the
/// columns under the same names (a renamed table may have renamed columns too, found next; whatever else
/// differs is planned after the rename).
fn same_table(a: &Table, b: &Table) -> bool {
    let types = |t: &Table| t.columns.iter().map(|c| c.data_type.clone()).collect::<Vec<_>>();
    let named = a.columns.iter().zip(&b.columns).filter(|(x, y)| x.name == y.name).count();
    a.name.schema == b.name.schema
        && a.is_foreign() == b.is_foreign()
        && types(a) == types(b)
        && named * 2 >= a.columns.len()
}

/// The unambiguous candidates between FROM and TO.
pub fn candidates(from: &Catalog, to: &Catalog) -> Vec<Candidate> {
    let mut out = Vec::new();
    let gone: Vec<&Table> = from.tables.values().filter(|t| !to.tables.contains_key(&t.name)).collect();
    let new: Vec<&Table> = to.tables.values().filter(|t| !from.tables.contains_key(&t.name)).collect();
    for g in &gone {
        let matches: Vec<&&Table> = new.iter().filter(|t| same_table(g, t)).collect();
        let rivals = matches.first().map(|m| gone.iter().filter(|o| same_table(o, m)).count()).unwrap_or(0);
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
