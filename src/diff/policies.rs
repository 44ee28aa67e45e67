//! Diff of row level security: the table flags (ENABLE, FORCE) and policies, altered in place with ALTER
//! POLICY when only roles or expressions change (a USING or WITH CHECK that disappears needs recreation).

use super::list::{pairs, Pair};
use super::{comment, Action, Change, CommentTarget, Op};
use crate::hazard::{Hazard, HazardKind};
use crate::model::*;

fn authz(what: String) -> Hazard {
    Hazard::new(HazardKind::Authz, what)
}

fn pid(p: &Policy) -> ObjectId {
    ObjectId::new(Kind::Policy, &p.table.schema, &p.table.name, &p.name)
}

pub(super) fn row_security(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for (q, b) in &to.tables {
        let (was_enabled, was_forced) = from.tables.get(q).map(|a| (a.rls, a.force_rls)).unwrap_or((false, false));
        let enabled = (was_enabled != b.rls).then_some(b.rls);
        let forced = (was_forced != b.force_rls).then_some(b.force_rls);
        if enabled.is_some() || forced.is_some() {
            let op = Op::SetRowSecurity { table: q.clone(), enabled, forced };
            let why = format!("changes row level security of {q}: who sees which rows changes");
            out.push(Change::new(Action::Alter, ObjectId::of(Kind::Table, q), op).with_hazard(authz(why)));
        }
    }
}

/// `REPLICA IDENTITY`: set when it differs, or when the index it uses is (re)built by the plan.
pub(super) fn replica_identity(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for (q, b) in &to.tables {
        let was = from.tables.get(q).and_then(|a| a.replica_identity.clone());
        let index = b.replica_identity.as_deref().and_then(|r| r.strip_prefix("USING INDEX ")).map(|i| {
            let name = i.trim_matches('"').replace("\"\"", "\"");
            ObjectId::new(Kind::Index, &q.schema, &name, "")
        });
        let rebuilt = index.as_ref().is_some_and(|i| out.iter().any(|c| c.action == Action::Create && &c.id == i));
        if was != b.replica_identity || (rebuilt && from.tables.contains_key(q)) {
            let op = Op::SetReplicaIdentity { table: q.clone(), identity: b.replica_identity.clone() };
            // Its own vertex (not the table's): an index the table gains must come first, and the index
            // itself needs the table.
            let id = ObjectId::new(Kind::Table, &q.schema, &q.name, "replica identity");
            let change = Change::new(Action::Alter, id, op).needing(index).needing([ObjectId::of(Kind::Table, q)]);
            out.push(change);
        }
    }
}

pub(super) fn policies(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for p in pairs(&from.policies, &to.policies) {
        match p {
            Pair::Added(p) => create(out, p),
            Pair::Removed(p) => {
                // A policy goes with its table, unless the table is outside the model (a profile's).
                if to.tables.contains_key(&p.table) || !from.tables.contains_key(&p.table) {
                    out.push(drop(p));
                }
            }
            Pair::Both(a, b) => {
                let same_shape = a.permissive == b.permissive && a.command == b.command;
                let keeps_clauses =
                    (a.using.is_none() || b.using.is_some()) && (a.check.is_none() || b.check.is_some());
                if !same_shape || !keeps_clauses {
                    out.push(drop(a));
                    create(out, b);
                } else {
                    if a.roles != b.roles || a.using != b.using || a.check != b.check {
                        let why = format!("alters policy {} on {}", b.name, b.table);
                        out.push(
                            Change::new(Action::Alter, pid(b), Op::AlterPolicy(b.clone())).with_hazard(authz(why)),
                        );
                    }
                    let target = CommentTarget::Policy(b.table.clone(), b.name.clone());
                    comment(out, pid(b), target, Some(&a.comment), &b.comment);
                }
            }
        }
    }
}

pub(super) fn create(out: &mut Vec<Change>, p: &Policy) {
    let why = format!("creates policy {} on {}", p.name, p.table);
    out.push(Change::new(Action::Create, pid(p), Op::CreatePolicy(p.clone())).with_hazard(authz(why)));
    comment(out, pid(p), CommentTarget::Policy(p.table.clone(), p.name.clone()), None, &p.comment);
}

pub(super) fn drop(p: &Policy) -> Change {
    let why = format!("drops policy {} on {}", p.name, p.table);
    Change::new(Action::Drop, pid(p), Op::DropPolicy { table: p.table.clone(), name: p.name.clone() })
        .with_hazard(authz(why))
}
