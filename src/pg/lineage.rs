//! Partitions and inheritance: ATTACH/DETACH PARTITION, INHERIT/NO INHERIT, columns that arrive from (or
//! change through) a parent, and tables whose partitioning changes (dropped and created again).

use crate::pg::prelude::*;
use std::collections::BTreeSet;

/// The vertex of a table's link to a parent as it is in FROM (detached first).
pub(crate) fn old_link(q: &QName) -> ObjectId {
    ObjectId::old_parent_link(q)
}

/// The vertex of a table's link to a parent as it is in TO (attached once the columns match the parent's).
pub(crate) fn new_link(q: &QName) -> ObjectId {
    ObjectId::new_parent_link(q)
}

/// Tables PostgreSQL cannot turn into their TO form in place: the partition key changes, or a table becomes
/// or stops being partitioned, or a foreign table's server changes or a table becomes or stops being foreign.
/// They are dropped and created again, together with their partitions and children (which go with them).
pub(crate) fn recreated(from: &Catalog, to: &Catalog) -> BTreeSet<QName> {
    let mut set: BTreeSet<QName> = from
        .tables
        .values()
        .filter(|a| {
            to.tables.get(&a.name).is_some_and(|b| {
                let server = |t: &Table| t.foreign.as_ref().map(|f| f.server.clone());
                a.lineage.partition_by != b.lineage.partition_by || server(a) != server(b)
            })
        })
        .map(|a| a.name.clone())
        .collect();
    loop {
        let before = set.len();
        for t in from.tables.values() {
            if to.tables.contains_key(&t.name) && t.lineage.parents().any(|p| set.contains(p)) {
                set.insert(t.name.clone());
            }
        }
        if set.len() == before {
            return set;
        }
    }
}

/// FROM as it is once the recreated tables are dropped: their indexes, triggers, policies, privileges,
/// row security and publication memberships are gone, so the diff makes TO's anew.
pub(crate) fn without(from: &Catalog, set: &BTreeSet<QName>) -> Catalog {
    let mut c = from.clone();
    let gone = |id: &ObjectId| {
        matches!(id.kind, Kind::Table | Kind::Column) && set.contains(&QName::new(&id.schema, &id.name))
    };
    c.indexes.retain(|_, i| !set.contains(&i.table));
    c.triggers.retain(|(t, _), _| !set.contains(t));
    c.policies.retain(|(t, _), _| !set.contains(t));
    c.grants.retain(|g| !gone(&g.on));
    c.owners.retain(|o| !gone(&o.on));
    for p in c.publications.values_mut() {
        p.tables.retain(|t| !set.contains(t));
    }
    for q in set {
        if let Some(t) = c.tables.get_mut(q) {
            t.rls = false;
            t.force_rls = false;
            t.replica_identity = None;
        }
    }
    c
}

/// The first parent (in TO) of `t` that has column `col`, and that column.
fn parent_column<'a>(cat: &'a Catalog, t: &'a Table, col: &str) -> Option<(&'a QName, &'a Column)> {
    t.lineage.parents().find_map(|p| cat.tables.get(p).and_then(|pt| pt.column(col)).map(|c| (p, c)))
}

fn linked_in_both(a: &Table, b: &Table, parent: &QName) -> bool {
    a.lineage.parents().any(|p| p == parent) && b.lineage.parents().any(|p| p == parent)
}

fn detached(a: &Table, b: &Table) -> bool {
    a.lineage.parents().any(|p| !b.lineage.parents().any(|x| x == p))
}

/// A table's own column changes wait for its detach / NO INHERIT (until then the columns are inherited).
pub(crate) fn detach_needs(a: &Table, b: &Table) -> Vec<ObjectId> {
    if detached(a, b) {
        vec![old_link(&b.name)]
    } else {
        Vec::new()
    }
}

/// A kept column of a kept table as it will be once its parent's own changes have cascaded to it (type,
/// default and NOT NULL recurse to partitions and children), and what its changes must wait for.
pub(crate) fn kept_column(
    from: &Catalog,
    to: &Catalog,
    a: &Table,
    b: &Table,
    ca: &Column,
    cb: &Column,
) -> (Column, Vec<ObjectId>) {
    let mut eff = ca.clone();
    let mut needs = detach_needs(a, b);
    if !(ca.origin.inherited() && cb.origin.inherited()) {
        return (eff, needs);
    }
    let Some((pq, pb)) = parent_column(to, b, &cb.name) else {
        return (eff, needs);
    };
    if !linked_in_both(a, b, pq) {
        return (eff, needs);
    }
    needs.push(ObjectId::column(pq, &cb.name));
    eff.data_type = cb.data_type.clone();
    eff.collation = cb.collation.clone();
    if let Some(pa) = from.tables.get(pq).and_then(|t| t.column(&cb.name)) {
        let type_changes = pa.data_type != pb.data_type || pa.collation != pb.collation;
        if pa.default != pb.default || (type_changes && pa.default.is_some()) {
            eff.default = pb.default.clone();
        }
        if pa.not_null != pb.not_null {
            eff.not_null = pb.not_null;
        }
    } else {
        // The parent's column is new: ADD COLUMN gave the child the parent's default and NOT NULL.
        eff.default = pb.default.clone();
        eff.not_null = pb.not_null;
    }
    (eff, needs)
}

/// A column the table does not have in FROM that reaches it through a parent it stays linked to (the
/// parent's ADD COLUMN recurses): the column as it arrives, and the parent column to wait for.
pub(crate) fn arriving_column(a: &Table, b: &Table, to: &Catalog, cb: &Column) -> Option<(Column, ObjectId)> {
    if !cb.origin.inherited() {
        return None;
    }
    let (pq, pc) = parent_column(to, b, &cb.name)?;
    linked_in_both(a, b, pq).then(|| (arrived(pc, cb, None), ObjectId::column(pq, &cb.name)))
}

/// A column of a table created as a partition or child, as the parent's column (in TO) gives it.
pub(crate) fn created_column(to: &Catalog, t: &Table, c: &Column) -> Option<(Column, ObjectId)> {
    if c.origin != ColumnOrigin::Inherited {
        return None;
    }
    let (pq, pc) = parent_column(to, t, &c.name)?;
    Some((arrived(pc, c, c.comment.clone()), ObjectId::column(pq, &c.name)))
}

/// Comments are not inherited: `comment` is what the diff takes as already there.
fn arrived(parent: &Column, child: &Column, comment: Option<String>) -> Column {
    Column { identity: None, comment, origin: child.origin, ..parent.clone() }
}

/// A dropped column that goes away with its parent's column (the parent's DROP COLUMN recurses).
/// Whether `parent`, which `a` keeps as a parent, drops the column `ca` (it has it in FROM, not in TO).
pub(crate) fn parent_drops(a: &Table, b: &Table, from: &Catalog, to: &Catalog, parent: &QName, ca: &Column) -> bool {
    ca.origin.inherited()
        && a.lineage.parents().any(|p| p == parent)
        && b.lineage.parents().any(|x| x == parent)
        && from.tables.get(parent).is_some_and(|pt| pt.column(&ca.name).is_some())
        && to.tables.get(parent).is_none_or(|pt| pt.column(&ca.name).is_none())
}

/// DETACH / NO INHERIT for links FROM has and TO does not, then ATTACH / INHERIT for the new ones. A
/// changed bound is a detach and an attach.
pub(crate) fn links(a: &Table, b: &Table, to: &Catalog, after: Vec<ObjectId>, out: &mut Vec<Change>) {
    let q = &b.name;
    let (pa, pb) = (&a.lineage.partition_of, &b.lineage.partition_of);
    if let Some(old) = pa.as_ref().filter(|_| pa != pb) {
        let op = Op::Table(TableOp::DetachPartition { table: q.clone(), parent: old.parent.clone() });
        out.push(Change::new(Action::Alter, old_link(q), op));
    }
    for p in a.lineage.inherits.iter().filter(|p| !b.lineage.inherits.contains(p)) {
        out.push(Change::new(
            Action::Alter,
            old_link(q),
            Op::Table(TableOp::NoInherit { table: q.clone(), parent: p.clone() }),
        ));
    }
    if let Some(new) = pb.as_ref().filter(|_| pa != pb) {
        let op = Op::Table(TableOp::AttachPartition {
            table: q.clone(),
            parent: new.parent.clone(),
            bound: new.bound.clone(),
        });
        let change = Change::new(Action::Alter, new_link(q), op)
            .needing(link_needs(to, b, &new.parent))
            .needing(after)
            .with_hazard(Hazard::new(
                HazardKind::MayFail,
                format!("attaches {q} to {} {}: fails if a row falls outside the bound", new.parent, new.bound),
            ))
            .with_hazard(Hazard::new(
                HazardKind::AccessExclusiveLock,
                format!("scans {q} (and a default partition of {}) to validate the bound", new.parent),
            ));
        out.push(change);
    }
    for p in b.lineage.inherits.iter().filter(|p| !a.lineage.inherits.contains(p)) {
        let op = Op::Table(TableOp::Inherit { table: q.clone(), parent: p.clone() });
        out.push(Change::new(Action::Alter, new_link(q), op).needing(link_needs(to, b, p)).needing([old_link(q)]));
    }
}

/// Attaching needs the parent, its columns and the table's columns as TO has them.
fn link_needs(to: &Catalog, t: &Table, parent: &QName) -> Vec<ObjectId> {
    let mut v = vec![ObjectId::of(Kind::Table, parent)];
    v.extend(t.columns.iter().map(|c| ObjectId::column(&t.name, &c.name)));
    if let Some(p) = to.tables.get(parent) {
        v.extend(p.columns.iter().map(|c| ObjectId::column(parent, &c.name)));
    }
    v
}
