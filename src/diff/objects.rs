//! Diff of schemas, extensions, sequences and indexes.

use super::list::{pairs, Pair};
use super::{comment, Action, Change, CommentTarget, Op};
use crate::hazard::{Hazard, HazardKind};
use crate::model::{Catalog, Kind, ObjectId};

pub(super) fn schemas(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for p in pairs(&from.schemas, &to.schemas) {
        match p {
            Pair::Added(s) => {
                let id = ObjectId::schema(&s.name);
                out.push(Change::new(Action::Create, id.clone(), Op::CreateSchema(s.clone())));
                comment(out, id, CommentTarget::Schema(s.name.clone()), None, &s.comment);
            }
            Pair::Removed(s) => out.push(
                Change::new(Action::Drop, ObjectId::schema(&s.name), Op::DropSchema(s.name.clone()))
                    .with_hazard(Hazard::deletes(format!("drops schema {}", s.name))),
            ),
            Pair::Both(a, b) => {
                let t = CommentTarget::Schema(b.name.clone());
                comment(out, ObjectId::schema(&b.name), t, Some(&a.comment), &b.comment)
            }
        }
    }
}

pub(super) fn extensions(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for p in pairs(&from.extensions, &to.extensions) {
        match p {
            Pair::Added(e) => {
                let id = ObjectId::extension(&e.name);
                out.push(Change::new(Action::Create, id.clone(), Op::CreateExtension(e.clone())));
                // The extension's own comment comes with CREATE EXTENSION; only a different one is set.
            }
            Pair::Removed(e) => out.push(
                Change::new(Action::Drop, ObjectId::extension(&e.name), Op::DropExtension(e.name.clone()))
                    .with_hazard(Hazard::deletes(format!("drops extension {} and any data it holds", e.name))),
            ),
            Pair::Both(a, b) if a.schema != b.schema && a.fixed_schema => {
                // Not relocatable: dropped and created in its new schema; what uses it is dropped and
                // re-created around it (forced replacements), columns of its types go with it.
                let id = ObjectId::extension(&b.name);
                let why = format!(
                    "extension {} cannot move from schema {} to {} in place: it is dropped (with every column of its \
                     types and the data they hold) and created again",
                    b.name, a.schema, b.schema
                );
                out.push(
                    Change::new(Action::Drop, id.clone(), Op::DropExtension(a.name.clone()))
                        .with_hazard(Hazard::deletes(why)),
                );
                out.push(Change::new(Action::Create, id, Op::CreateExtension(b.clone())));
            }
            Pair::Both(a, b) => {
                let id = ObjectId::extension(&b.name);
                if a.schema != b.schema {
                    let op = Op::SetExtensionSchema { name: b.name.clone(), schema: b.schema.clone() };
                    out.push(Change::new(Action::Alter, id.clone(), op).needing([ObjectId::schema(&b.schema)]));
                }
                if a.version != b.version {
                    let op = Op::UpdateExtension { name: b.name.clone(), version: b.version.clone() };
                    let why = format!(
                        "upgrades extension {} from {} to {}: its upgrade script runs",
                        b.name, a.version, b.version
                    );
                    out.push(
                        Change::new(Action::Alter, id.clone(), op)
                            .with_hazard(Hazard::new(HazardKind::ExtensionUpgrade, why)),
                    );
                }
                comment(out, id, CommentTarget::Extension(b.name.clone()), Some(&a.comment), &b.comment);
            }
        }
    }
}

/// Sequences owned by a column that is dropped (with its table or alone) are dropped by Postgres with it;
/// such drops are folded into the table or column drop (see table.rs), not emitted here.
pub(super) fn sequences(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for p in pairs(&from.sequences, &to.sequences) {
        match p {
            Pair::Added(s) => {
                let id = ObjectId::of(Kind::Sequence, &s.name);
                let mut created = s.clone();
                created.owned_by = None;
                out.push(Change::new(Action::Create, id.clone(), Op::CreateSequence(created)));
                if let Some(owner) = &s.owned_by {
                    out.push(owner_change(s.name.clone(), Some(owner.clone())));
                }
                comment(out, id, CommentTarget::Sequence(s.name.clone()), None, &s.comment);
            }
            Pair::Removed(s) => {
                if owned_by_dropped_column(to, s) {
                    continue;
                }
                let mut drop =
                    Change::new(Action::Drop, ObjectId::of(Kind::Sequence, &s.name), Op::DropSequence(s.name.clone()));
                // A serial becoming an identity column: its counter continues in the identity's sequence.
                if !owner_becomes_identity(to, s) {
                    drop =
                        drop.with_hazard(Hazard::deletes(format!("drops sequence {} and its current value", s.name)));
                }
                out.push(drop);
            }
            Pair::Both(a, b) => {
                let id = ObjectId::of(Kind::Sequence, &b.name);
                if a.data_type != b.data_type || a.options != b.options {
                    let data_type = (a.data_type != b.data_type).then(|| b.data_type.clone());
                    let op = Op::AlterSequence {
                        name: b.name.clone(),
                        data_type,
                        from_type: a.data_type.clone(),
                        from: a.options.clone(),
                        to: b.options.clone(),
                    };
                    let mut change = Change::new(Action::Alter, id.clone(), op);
                    let what = format!("sequence {}", b.name);
                    change.hazards.extend(super::identity::bounds_hazard(&what, &a.options, &b.options));
                    out.push(change);
                }
                if a.unlogged != b.unlogged {
                    let op = Op::SetSequenceLogged { name: b.name.clone(), unlogged: b.unlogged };
                    out.push(Change::new(Action::Alter, id.clone(), op));
                }
                if a.owned_by != b.owned_by {
                    out.push(owner_change(b.name.clone(), b.owned_by.clone()));
                }
                comment(out, id, CommentTarget::Sequence(b.name.clone()), Some(&a.comment), &b.comment);
            }
        }
    }
}

fn owner_change(name: crate::model::QName, owned_by: Option<(crate::model::QName, String)>) -> Change {
    let id = ObjectId::of(Kind::SequenceOwner, &name);
    let needs: Vec<ObjectId> = owned_by.iter().map(|(t, c)| ObjectId::column(t, c)).collect();
    Change::new(Action::Alter, id, Op::SetSequenceOwner { name, owned_by }).needing(needs)
}

/// Whether the column owning a sequence (in FROM) is an identity column in TO.
fn owner_becomes_identity(to: &Catalog, s: &crate::model::Sequence) -> bool {
    let Some((t, c)) = &s.owned_by else {
        return false;
    };
    to.tables.get(t).and_then(|tt| tt.column(c)).is_some_and(|col| col.identity.is_some())
}

/// Whether a sequence is owned (in FROM) by a column that does not survive into TO.
pub(super) fn owned_by_dropped_column(to: &Catalog, s: &crate::model::Sequence) -> bool {
    let Some((t, c)) = &s.owned_by else {
        return false;
    };
    to.tables.get(t).is_none_or(|tt| tt.column(c).is_none())
}

pub(super) fn indexes(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for p in pairs(&from.indexes, &to.indexes) {
        match p {
            Pair::Added(i) => create_index(out, i, from.has_relation(&i.table)),
            Pair::Removed(i) => {
                // Indexes of a dropped table or materialized view go with it.
                if to.has_relation(&i.table) {
                    out.push(drop_index(i));
                }
            }
            Pair::Both(a, b) => {
                if a.definition != b.definition || a.table != b.table {
                    if to.has_relation(&a.table) && from.has_relation(&a.table) {
                        out.push(drop_index(a));
                    }
                    create_index(out, b, true);
                } else {
                    let id = ObjectId::of(Kind::Index, &b.name);
                    comment(out, id, CommentTarget::Index(b.name.clone()), Some(&a.comment), &b.comment);
                }
            }
        }
    }
}

/// `existing`: the table already exists (and may hold rows), so the build blocks its writes.
pub(super) fn create_index(out: &mut Vec<Change>, i: &crate::model::Index, existing: bool) {
    let id = ObjectId::of(Kind::Index, &i.name);
    let mut change = Change::new(Action::Create, id.clone(), Op::CreateIndex(i.clone()));
    if existing {
        let why = format!("builds index {} on existing table {}: writes wait for the build", i.name, i.table);
        change = change.with_hazard(Hazard::new(HazardKind::IndexBuild, why));
    }
    out.push(change);
    comment(out, id, CommentTarget::Index(i.name.clone()), None, &i.comment);
}

pub(super) fn drop_index(i: &crate::model::Index) -> Change {
    let why = format!("drops index {}: queries using it may get slower", i.name);
    Change::new(Action::Drop, ObjectId::of(Kind::Index, &i.name), Op::DropIndex(i.name.clone()))
        .with_hazard(Hazard::new(HazardKind::IndexDropped, why))
}
