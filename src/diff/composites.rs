//! Diff of composite types: `ALTER TYPE .. ADD / DROP / ALTER ATTRIBUTE` when the attribute order allows it
//! (new attributes go last); any other order rebuilds the type under its name, converting its columns
//! attribute by attribute (reported instead when something the rebuild cannot carry uses the type).

use super::list::{pairs, Pair};
use super::{comment, Action, Change, CommentTarget, Op, UnmodelledDiff};
use crate::diff::change::AttributeAction;
use crate::hazard::{Hazard, HazardKind};
use crate::model::*;

pub(super) fn composites(from: &Catalog, to: &Catalog, out: &mut Vec<Change>, unsupported: &mut Vec<UnmodelledDiff>) {
    for p in pairs(&from.composites, &to.composites) {
        match p {
            Pair::Added(t) => {
                let id = ObjectId::of(Kind::Composite, &t.name);
                out.push(Change::new(Action::Create, id.clone(), Op::CreateComposite(t.clone())));
                comment(out, id, CommentTarget::Type(t.name.clone()), None, &t.comment);
            }
            Pair::Removed(t) => {
                let op = Op::DropComposite(t.name.clone());
                out.push(Change::new(Action::Drop, ObjectId::of(Kind::Composite, &t.name), op));
            }
            Pair::Both(a, b) => alter(from, to, a, b, out, unsupported),
        }
    }
}

fn alter(
    from: &Catalog,
    to: &Catalog,
    a: &CompositeType,
    b: &CompositeType,
    out: &mut Vec<Change>,
    unsupported: &mut Vec<UnmodelledDiff>,
) {
    let id = ObjectId::of(Kind::Composite, &b.name);
    let kept: Vec<&str> =
        a.attributes.iter().map(|x| x.name.as_str()).filter(|n| b.attributes.iter().any(|y| y.name == *n)).collect();
    let added: Vec<&Attribute> =
        b.attributes.iter().filter(|y| !a.attributes.iter().any(|x| x.name == y.name)).collect();
    let expected: Vec<&str> = kept.iter().copied().chain(added.iter().map(|x| x.name.as_str())).collect();
    let target: Vec<&str> = b.attributes.iter().map(|x| x.name.as_str()).collect();
    if expected != target {
        let what = "composite type attribute order";
        let target = CommentTarget::Type(b.name.clone());
        super::rebuild::push_or_report(rebuild(from, to, a, b), what, &b.name, target, &b.comment, out, unsupported);
        return;
    }
    let mut push = |action: AttributeAction, hazard: Option<Hazard>| {
        let mut c = Change::new(Action::Alter, id.clone(), Op::AlterComposite { name: b.name.clone(), action });
        c.hazards.extend(hazard);
        out.push(c);
    };
    for x in &a.attributes {
        match b.attributes.iter().find(|y| y.name == x.name) {
            None => push(
                AttributeAction::Drop(x.name.clone()),
                Some(Hazard::deletes(format!("drops attribute {} of type {}: stored values lose it", x.name, b.name))),
            ),
            Some(y) if y.data_type != x.data_type || y.collation != x.collation => push(
                AttributeAction::AlterType(y.clone()),
                Some(Hazard::new(
                    HazardKind::MayFail,
                    format!("changes attribute {} of type {} to {}", y.name, b.name, y.data_type),
                )),
            ),
            Some(_) => {}
        }
    }
    for y in added {
        push(AttributeAction::Add(y.clone()), None);
    }
    comment(out, id, CommentTarget::Type(b.name.clone()), Some(&a.comment), &b.comment);
}

fn rebuild(from: &Catalog, to: &Catalog, a: &CompositeType, b: &CompositeType) -> Result<Change, String> {
    let id = ObjectId::of(Kind::Composite, &b.name);
    let columns = super::rebuild::columns_using(from, to, &id)?;
    if let Some(c) = columns.iter().find(|c| c.is_array) {
        return Err(format!("array column {}.{}", c.table, c.column));
    }
    let kept: Vec<String> =
        b.attributes.iter().filter(|y| a.attributes.iter().any(|x| x.name == y.name)).map(|y| y.name.clone()).collect();
    let mut hazards = Vec::new();
    let dropped: Vec<&str> = a.attributes.iter().filter(|x| !kept.contains(&x.name)).map(|x| x.name.as_str()).collect();
    if !dropped.is_empty() && !columns.is_empty() {
        let why =
            format!("rebuilds type {} without attribute(s) {}: stored values lose them", b.name, dropped.join(", "));
        hazards.push(Hazard::deletes(why));
    }
    if a.attributes.iter().any(|x| b.attributes.iter().any(|y| y.name == x.name && y.data_type != x.data_type))
        && !columns.is_empty()
    {
        let why = format!("rebuilds type {} with attributes of other types: the values' casts may fail", b.name);
        hazards.push(Hazard::new(HazardKind::MayFail, why));
    }
    let covers = super::rebuild::covers(&columns);
    let op = Op::RebuildComposite { target: b.clone(), kept, columns };
    let mut change = Change::new(Action::Alter, id, op).covering(covers);
    change.hazards.extend(hazards);
    Ok(change)
}
