//! The diff of two PostgreSQL catalogs: each kind's module in turn, then the cross-kind mechanisms
//! (forced replacements, rows kept across re-created tables, privileges, owners); no ordering, no SQL yet.

use super::kinds::{ColumnOp, KINDS};
use super::{lineage, list, owners, privileges, replace, rows};
use super::{Action, Change, Op};
use crate::model::{Catalog, ObjectId, QName};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What each kind's `diff` reads and writes.
pub(crate) struct Diffing<'a> {
    pub from: &'a Catalog,
    pub to: &'a Catalog,
    /// Tables re-created because their partitioning changes (`from` no longer holds them).
    pub remade: &'a BTreeSet<QName>,
    pub out: Vec<Change>,
    /// Differences in parts of a kind pgdrift cannot change: reported as unmodelled ones are.
    pub unsupported: Vec<UnmodelledDiff>,
}

impl<'a> Diffing<'a> {
    pub fn new(from: &'a Catalog, to: &'a Catalog, remade: &'a BTreeSet<QName>) -> Self {
        Diffing { from, to, remade, out: Vec::new(), unsupported: Vec::new() }
    }
}

/// A difference in an object kind pgdrift does not model yet: reported, never skipped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnmodelledDiff {
    pub kind: String,
    pub schema: String,
    pub name: String,
    /// "only in FROM", "only in TO" or "differs".
    pub state: &'static str,
}

impl std::fmt::Display for UnmodelledDiff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = if self.schema.is_empty() { self.name.clone() } else { format!("{}.{}", self.schema, self.name) };
        let name = name.trim_end_matches('.');
        write!(f, "{} {} {} (not modelled by pgdrift yet: not diffed)", self.kind, name, self.state)
    }
}

/// The changes between two catalogs.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Diff {
    pub changes: Vec<Change>,
    pub unmodelled: Vec<UnmodelledDiff>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.unmodelled.is_empty()
    }
}

/// Compare two catalogs.
pub fn diff(from: &Catalog, to: &Catalog) -> Diff {
    let remade = lineage::recreated(from, to);
    let pruned;
    let from = if remade.is_empty() {
        from
    } else {
        pruned = lineage::without(from, &remade);
        &pruned
    };
    let mut cx = Diffing::new(from, to, &remade);
    for kind in KINDS {
        if let Some(diff) = kind.diff {
            diff(&mut cx);
        }
    }
    let Diffing { mut out, unsupported, .. } = cx;
    replace::forced_replacements(from, to, &mut out);
    let roots = remade
        .iter()
        .filter(|q| {
            let carried = to.tables.get(*q).is_some_and(|b| from.tables.get(*q).is_some_and(|a| rows::carried(a, b)));
            carried && from.tables.get(*q).is_some_and(|a| rows::is_root(a, &remade))
        })
        .cloned()
        .collect();
    rows::foreign_keys_after_rows(to, &roots, &mut out);
    // A rebuilt type's columns get their defaults dropped and restored (to TO's) by the rebuild itself.
    let rebuilt: std::collections::HashSet<ObjectId> =
        out.iter().filter(|c| c.op.is_rebuild()).flat_map(|c| c.covers.clone()).collect();
    out.retain(|c| {
        !(rebuilt.contains(&c.id)
            && matches!(c.op, Op::Column(ColumnOp::SetDefault { .. }) | Op::Column(ColumnOp::DropDefault { .. })))
    });
    // Objects dropped and created again (or rebuilt) start over from the default privileges.
    let dropped: std::collections::BTreeSet<&ObjectId> =
        out.iter().filter(|c| c.action == Action::Drop).flat_map(|c| c.objects()).collect();
    let mut recreated: std::collections::BTreeSet<ObjectId> = out
        .iter()
        .filter(|c| c.action == Action::Create)
        .flat_map(|c| c.objects())
        .filter(|id| dropped.contains(id))
        .cloned()
        .collect();
    recreated.extend(out.iter().filter(|c| c.op.is_rebuild()).map(|c| c.id.clone()));
    if from.grants_known && to.grants_known {
        privileges::privileges(from, to, &recreated, &mut out);
        privileges::default_privileges(from, to, &mut out);
        privileges::member_privileges(from, to, &mut out);
    }
    if !from.owners.is_empty() && !to.owners.is_empty() {
        owners::owners(from, to, &recreated, &mut out);
    }
    let mut unmodelled = unmodelled(from, to);
    unmodelled.extend(unsupported);
    Diff { changes: out, unmodelled }
}

fn unmodelled(from: &Catalog, to: &Catalog) -> Vec<UnmodelledDiff> {
    let key = |u: &crate::model::Unmodelled| (u.kind.clone(), u.schema.clone(), u.name.clone());
    let a: BTreeMap<_, _> = from.unmodelled.iter().map(|u| (key(u), u)).collect();
    let b: BTreeMap<_, _> = to.unmodelled.iter().map(|u| (key(u), u)).collect();
    let mut out = Vec::new();
    for p in list::pairs(&a, &b) {
        let (u, state) = match p {
            list::Pair::Removed(u) => (u, "only in FROM"),
            list::Pair::Added(u) => (u, "only in TO"),
            list::Pair::Both(x, y) if x.definition != y.definition => (x, "differs"),
            list::Pair::Both(..) => continue,
        };
        out.push(UnmodelledDiff { kind: u.kind.clone(), schema: u.schema.clone(), name: u.name.clone(), state });
    }
    out
}
