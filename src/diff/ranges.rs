//! Range types and collations: compared as a whole; neither can be altered in place. A changed range type
//! is dropped and created again (after, and before, what uses it); a changed collation is rebuilt under its
//! name with the columns using it moved over.

use super::list::{pairs, Pair};
use super::{comment, Action, Change, CommentTarget, Op};
use crate::hazard::{Hazard, HazardKind};
use crate::model::*;

pub(super) fn ranges(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for p in pairs(&from.ranges, &to.ranges) {
        match p {
            Pair::Added(r) => create_range(r, out),
            Pair::Removed(r) => out.push(drop_range(r)),
            Pair::Both(a, b) if a.subtype != b.subtype || a.options != b.options => {
                let reason = format!("range type {} is dropped and created again: fails while columns use it", b.name);
                out.push(drop_range(a).with_hazard(Hazard::new(HazardKind::MayFail, reason)));
                create_range(b, out);
            }
            Pair::Both(a, b) => {
                let id = ObjectId::of(Kind::Range, &b.name);
                comment(out, id, CommentTarget::Type(b.name.clone()), Some(&a.comment), &b.comment);
            }
        }
    }
}

fn create_range(r: &RangeType, out: &mut Vec<Change>) {
    let id = ObjectId::of(Kind::Range, &r.name);
    out.push(Change::new(Action::Create, id.clone(), Op::CreateRange(r.clone())));
    comment(out, id, CommentTarget::Type(r.name.clone()), None, &r.comment);
}

fn drop_range(r: &RangeType) -> Change {
    Change::new(Action::Drop, ObjectId::of(Kind::Range, &r.name), Op::DropRange(r.name.clone()))
}

pub(super) fn collations(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for p in pairs(&from.collations, &to.collations) {
        match p {
            Pair::Added(c) => create_collation(c, out),
            Pair::Removed(c) => out.push(drop_collation(c)),
            Pair::Both(a, b)
                if Collation { comment: None, ..a.clone() } != Collation { comment: None, ..b.clone() } =>
            {
                let id = ObjectId::of(Kind::Collation, &b.name);
                match super::rebuild::columns_using(from, to, &id) {
                    // Columns (and what is built on them) are carried over to the new collation.
                    Ok(columns) => {
                        let covers = super::rebuild::covers(&columns);
                        let op = Op::RebuildCollation { target: b.clone(), columns };
                        out.push(Change::new(Action::Alter, id.clone(), op).covering(covers));
                        comment(out, id, CommentTarget::Collation(b.name.clone()), None, &b.comment);
                    }
                    Err(user) => {
                        let reason =
                            format!("collation {} is dropped and created again: fails while {user} uses it", b.name);
                        out.push(drop_collation(a).with_hazard(Hazard::new(HazardKind::MayFail, reason)));
                        create_collation(b, out);
                    }
                }
            }
            Pair::Both(a, b) => {
                let id = ObjectId::of(Kind::Collation, &b.name);
                comment(out, id, CommentTarget::Collation(b.name.clone()), Some(&a.comment), &b.comment);
            }
        }
    }
}

fn create_collation(c: &Collation, out: &mut Vec<Change>) {
    let id = ObjectId::of(Kind::Collation, &c.name);
    out.push(Change::new(Action::Create, id.clone(), Op::CreateCollation(c.clone())));
    comment(out, id, CommentTarget::Collation(c.name.clone()), None, &c.comment);
}

fn drop_collation(c: &Collation) -> Change {
    Change::new(Action::Drop, ObjectId::of(Kind::Collation, &c.name), Op::DropCollation(c.name.clone()))
}
