//! Rows of tables PostgreSQL cannot convert in place (a plain table becoming partitioned, a partitioned one
//! becoming plain, a new partition key): the table is dropped and created again, and its rows are carried
//! across through a temporary table, so the conversion is a table rewrite, not a loss of data.
//!
//! For the root of each re-created tree: its rows (its partitions' and children's included) are copied into
//! a temporary table before the drop, inserted into the new table once it and all its partitions exist
//! (they are routed to the partitions), and identity sequences continue after them. Foreign keys that
//! other tables re-add to it wait for the rows. Sequences its columns own that TO keeps are released before
//! the drop (which would drop them) and owned again after.

use super::kinds::column::continue_identity;
use crate::pg::prelude::*;
use std::collections::BTreeSet;

/// What pgdrift does to a rows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum RowsOp {
    /// `CREATE TEMP TABLE holding AS SELECT columns FROM table`: the rows of a table about to be re-created.
    Save { table: QName, holding: String, columns: Vec<String> },
    /// `INSERT INTO table (columns) SELECT .. FROM holding`, the holding table dropped, identity sequences
    /// continued after the rows.
    Restore {
        table: QName,
        holding: String,
        columns: Vec<String>,
        /// `OVERRIDING SYSTEM VALUE` (an identity ALWAYS column gets its values back).
        overriding: bool,
        identities: Vec<(String, Identity)>,
    },
}

/// The temporary table holding a re-created table's rows.
fn holding(t: &QName) -> String {
    format!("_pgdrift_rows_{}_{}", t.schema, t.name)
}

fn saved_id(t: &QName) -> ObjectId {
    ObjectId::new(Kind::Table, &t.schema, &t.name, "rows saved")
}

/// The vertex of the rows being back in the new table: what must see them waits for it.
pub(crate) fn restored_id(t: &QName) -> ObjectId {
    ObjectId::new(Kind::Table, &t.schema, &t.name, "rows restored")
}

/// Whether a re-created table's rows are carried across: not when either side is a foreign table (a foreign
/// table's rows live on its server; a table becoming foreign leaves its rows behind, a deletion).
pub(crate) fn carried(a: &Table, b: &Table) -> bool {
    !a.is_foreign() && !b.is_foreign()
}

/// Whether `t` is the root of a re-created tree (no parent of it is re-created as well).
pub(crate) fn is_root(a: &Table, remade: &BTreeSet<QName>) -> bool {
    !a.lineage.parents().any(|p| remade.contains(p))
}

/// The columns whose values move: those both sides have, except generated ones (recomputed).
fn moved_columns(a: &Table, b: &Table) -> Vec<String> {
    b.columns
        .iter()
        .filter(|c| c.generated.is_none() && a.column(&c.name).is_some_and(|x| x.generated.is_none()))
        .map(|c| c.name.clone())
        .collect()
}

/// TO's tables below `t` (partitions and children, at any depth).
fn descendants(to: &Catalog, t: &QName) -> Vec<QName> {
    let mut out: Vec<QName> = Vec::new();
    let mut frontier = vec![t.clone()];
    while let Some(p) = frontier.pop() {
        for c in to.tables.values().filter(|c| c.lineage.parents().any(|x| *x == p)) {
            if !out.contains(&c.name) {
                out.push(c.name.clone());
                frontier.push(c.name.clone());
            }
        }
    }
    out
}

/// Before the drop of root `a`: save its rows. Returns what the drop must wait for, and the hazard the
/// drop carries instead of a loss of rows (values of columns TO does not have are still lost).
pub(crate) fn save(a: &Table, b: &Table, out: &mut Vec<Change>) -> (Vec<ObjectId>, Vec<Hazard>) {
    let columns = moved_columns(a, b);
    let op = Op::Rows(RowsOp::Save { table: a.name.clone(), holding: holding(&a.name), columns });
    out.push(Change::new(Action::Alter, saved_id(&a.name), op));
    let mut hazards = vec![Hazard::new(
        HazardKind::TableRewrite,
        format!("re-creates {} with its rows copied through a temporary table", a.name),
    )];
    let lost: Vec<&str> = a.columns.iter().filter(|c| b.column(&c.name).is_none()).map(|c| c.name.as_str()).collect();
    if !lost.is_empty() {
        hazards.push(Hazard::deletes(format!("drops column(s) {} of {} and their values", lost.join(", "), a.name)));
    }
    (vec![saved_id(&a.name)], hazards)
}

/// After the new root `b` and every table below it exist: put the rows back.
pub(crate) fn restore(to: &Catalog, a: &Table, b: &Table, out: &mut Vec<Change>) {
    let columns = moved_columns(a, b);
    let overriding = b
        .columns
        .iter()
        .any(|c| columns.contains(&c.name) && c.identity.as_ref().is_some_and(|i| i.kind == IdentityKind::Always));
    let identities: Vec<(String, Identity)> = b
        .columns
        .iter()
        .filter(|c| columns.contains(&c.name))
        .filter_map(|c| c.identity.clone().map(|i| (c.name.clone(), i)))
        .collect();
    let mut needs = vec![ObjectId::of(Kind::Table, &b.name), saved_id(&a.name)];
    needs.extend(b.columns.iter().map(|c| ObjectId::column(&b.name, &c.name)));
    for d in descendants(to, &b.name) {
        needs.push(ObjectId::of(Kind::Table, &d));
        needs.push(super::lineage::new_link(&d));
    }
    let op =
        Op::Rows(RowsOp::Restore { table: b.name.clone(), holding: holding(&b.name), columns, overriding, identities });
    let mut change = Change::new(Action::Alter, restored_id(&b.name), op).needing(needs);
    if b.lineage.partition_by.is_some() {
        change = change.with_hazard(Hazard::new(
            HazardKind::MayFail,
            format!("moves the rows of {} into its partitions: fails if a row fits none", b.name),
        ));
    }
    out.push(change);
}

/// Sequences owned by `a`'s columns that TO keeps owned there: released before the drop, owned again once
/// the column exists anew. Returns what the drop must wait for.
pub(crate) fn keep_sequences(from: &Catalog, to: &Catalog, a: &Table, out: &mut Vec<Change>) -> Vec<ObjectId> {
    let mut released = Vec::new();
    for s in from.sequences.values() {
        let Some((t, col)) = s.owned_by.as_ref().filter(|(t, _)| *t == a.name) else {
            continue;
        };
        if to.sequences.get(&s.name).is_none_or(|kept| kept.owned_by != s.owned_by) {
            continue;
        }
        let release = ObjectId::new(Kind::SequenceOwner, &s.name.schema, &s.name.name, "released");
        out.push(Change::new(
            Action::Alter,
            release.clone(),
            Op::Sequence(SequenceOp::SetOwner { name: s.name.clone(), owned_by: None }),
        ));
        let op = Op::Sequence(SequenceOp::SetOwner { name: s.name.clone(), owned_by: Some((t.clone(), col.clone())) });
        out.push(
            Change::new(Action::Alter, ObjectId::of(Kind::SequenceOwner, &s.name), op)
                .needing([ObjectId::column(t, col), release.clone()]),
        );
        released.push(release);
    }
    released
}

/// Foreign keys that other tables (re-)add to a re-created root wait for its rows.
pub(crate) fn foreign_keys_after_rows(to: &Catalog, roots: &BTreeSet<QName>, out: &mut [Change]) {
    if roots.is_empty() {
        return;
    }
    for c in out.iter_mut() {
        let Op::Constraint(ConstraintOp::Add { table, constraint }) = &c.op else { continue };
        if constraint.kind != ConstraintKind::ForeignKey {
            continue;
        }
        let id = ObjectId::constraint(table, &constraint.name);
        let first = (id.clone(), ObjectId::new(Kind::Schema, "", "", ""));
        let targets: BTreeSet<QName> = to
            .depends
            .range(first..)
            .take_while(|(d, _)| *d == id)
            .filter_map(|(_, r)| r.table())
            .filter(|t| t != table && roots.contains(t))
            .collect();
        c.needs.extend(targets.iter().map(restored_id));
    }
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &RowsOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        RowsOp::Save { table, holding, columns } => {
            let cols: Vec<String> = columns.iter().map(|c| Ident(c).to_string()).collect();
            one(format!("CREATE TEMP TABLE {} AS SELECT {} FROM {};", Ident(holding), cols.join(", "), table.sql()))
        }
        RowsOp::Restore { table, holding, columns, overriding, identities } => {
            let cols: Vec<String> = columns.iter().map(|c| Ident(c).to_string()).collect();
            let cols = cols.join(", ");
            let over = if *overriding { " OVERRIDING SYSTEM VALUE" } else { "" };
            let mut v = vec![
                format!("INSERT INTO {} ({cols}){over} SELECT {cols} FROM pg_temp.{};", table.sql(), Ident(holding)),
                format!("DROP TABLE pg_temp.{};", Ident(holding)),
            ];
            v.extend(identities.iter().map(|(c, i)| continue_identity(table, c, i)));
            v
        }
    }
}
