//! Diff of enum types: `ADD VALUE` (with BEFORE/AFTER) when labels are only added, otherwise a rebuild of
//! the type that converts every column (and array column) using it.

use super::list::{pairs, Pair};
use super::{comment, Action, Change, CommentTarget, Op, RetypedColumn};
use crate::hazard::Hazard;
use crate::model::*;

pub(super) fn enums(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for p in pairs(&from.enums, &to.enums) {
        match p {
            Pair::Added(e) => {
                let id = ObjectId::of(Kind::Enum, &e.name);
                out.push(Change::new(Action::Create, id.clone(), Op::CreateEnum(e.clone())));
                comment(out, id, CommentTarget::Type(e.name.clone()), None, &e.comment);
            }
            Pair::Removed(e) => {
                out.push(Change::new(Action::Drop, ObjectId::of(Kind::Enum, &e.name), Op::DropEnum(e.name.clone())))
            }
            Pair::Both(a, b) => {
                let id = ObjectId::of(Kind::Enum, &b.name);
                if a.labels != b.labels {
                    if is_subsequence(&a.labels, &b.labels) && !new_label_used(to, b, &a.labels) {
                        add_values(out, a, b);
                    } else {
                        out.push(rebuild(from, to, a, b));
                    }
                }
                comment(out, id, CommentTarget::Type(b.name.clone()), Some(&a.comment), &b.comment);
            }
        }
    }
}

fn is_subsequence(old: &[String], new: &[String]) -> bool {
    let mut it = new.iter();
    old.iter().all(|l| it.any(|n| n == l))
}

/// A label added by `ADD VALUE` cannot be used in the same transaction ("unsafe use of new value"); if TO
/// uses a new label anywhere a definition can hold it (a default, generated column, check, index, view,
/// policy, trigger, domain or function body), the type is rebuilt instead: a type created in the
/// transaction is usable at once.
fn new_label_used(to: &Catalog, e: &EnumType, old: &[String]) -> bool {
    let id = ObjectId::of(Kind::Enum, &e.name);
    let literals: Vec<String> =
        e.labels.iter().filter(|l| !old.contains(l)).map(|l| format!("{}::", Literal(l))).collect();
    let uses = |t: &str| literals.iter().any(|l| t.contains(l.as_str()));
    let table = |dep: &ObjectId| to.tables.get(&QName::new(&dep.schema, &dep.name));
    to.depends.iter().filter(|(_, r)| *r == id).any(|(dep, _)| match dep.kind {
        Kind::Column => table(dep)
            .and_then(|t| t.column(&dep.sub))
            .is_some_and(|c| c.default.iter().chain(c.generated.iter()).any(|t| uses(t))),
        Kind::Constraint => {
            table(dep).and_then(|t| t.constraints.get(dep.sub.as_str())).is_some_and(|c| uses(&c.definition))
        }
        Kind::Index => to.indexes.get(&QName::new(&dep.schema, &dep.name)).is_some_and(|i| uses(&i.definition)),
        Kind::View => to.views.get(&QName::new(&dep.schema, &dep.name)).is_some_and(|v| uses(&v.definition)),
        Kind::Policy => to
            .policies
            .get(&(QName::new(&dep.schema, &dep.name), dep.sub.to_string()))
            .is_some_and(|p| p.using.iter().chain(p.check.iter()).any(|t| uses(t))),
        Kind::Trigger => to
            .triggers
            .get(&(QName::new(&dep.schema, &dep.name), dep.sub.to_string()))
            .is_some_and(|t| uses(&t.definition)),
        Kind::Domain => to
            .domains
            .get(&QName::new(&dep.schema, &dep.name))
            .is_some_and(|d| d.default.iter().any(|t| uses(t)) || d.constraints.iter().any(|c| uses(&c.definition))),
        Kind::Function => to
            .functions
            .get(&(QName::new(&dep.schema, &dep.name), dep.sub.to_string()))
            .is_some_and(|f| uses(&f.definition)),
        Kind::Schema
        | Kind::Extension
        | Kind::Collation
        | Kind::Enum
        | Kind::Composite
        | Kind::Range
        | Kind::Sequence
        | Kind::Aggregate
        | Kind::Table
        | Kind::SequenceOwner
        | Kind::TableParent
        | Kind::Publication => false,
    })
}

fn add_values(out: &mut Vec<Change>, a: &EnumType, b: &EnumType) {
    let id = ObjectId::of(Kind::Enum, &b.name);
    for (i, label) in b.labels.iter().enumerate() {
        if a.labels.contains(label) {
            continue;
        }
        let (before, after) = if i + 1 == b.labels.len() {
            (None, None)
        } else if i > 0 {
            (None, Some(b.labels[i - 1].clone()))
        } else {
            (b.labels.iter().find(|l| a.labels.contains(l)).cloned(), None)
        };
        let op = Op::AddEnumValue { name: b.name.clone(), label: label.clone(), before, after };
        out.push(Change::new(Action::Alter, id.clone(), op));
    }
}

fn rebuild(from: &Catalog, to: &Catalog, a: &EnumType, b: &EnumType) -> Change {
    let id = ObjectId::of(Kind::Enum, &b.name);
    let columns: Vec<RetypedColumn> = from
        .depends
        .iter()
        .filter(|(dep, r)| *r == id && dep.kind == Kind::Column)
        .filter_map(|(dep, _)| super::rebuild::column(from, to, dep).ok().flatten())
        .collect();
    let covers = super::rebuild::covers(&columns);
    let removed: Vec<&String> = a.labels.iter().filter(|l| !b.labels.contains(l)).collect();
    let mut change = Change::new(Action::Alter, id, Op::RebuildEnum { target: b.clone(), columns }).covering(covers);
    if !removed.is_empty() {
        let list = removed.iter().map(|l| format!("{l:?}")).collect::<Vec<_>>().join(", ");
        change = change.with_hazard(Hazard::deletes(format!(
            "removes value(s) {list} from enum {}: rows holding them make the conversion fail",
            b.name
        )));
    }
    change
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(labels: &[&str]) -> EnumType {
        EnumType {
            name: QName::new("public", "mood"),
            labels: labels.iter().map(|s| s.to_string()).collect(),
            comment: None,
        }
    }

    #[test]
    fn added_labels_become_add_value_with_position() {
        let mut out = Vec::new();
        add_values(&mut out, &e(&["b", "d"]), &e(&["a", "b", "c", "d", "e"]));
        let got: Vec<_> = out
            .iter()
            .map(|c| match &c.op {
                Op::AddEnumValue { label, before, after, .. } => (label.clone(), before.clone(), after.clone()),
                _ => unreachable!(),
            })
            .collect();
        let s = |x: &str| Some(x.to_string());
        assert_eq!(got, vec![("a".into(), s("b"), None), ("c".into(), None, s("b")), ("e".into(), None, None)]);
    }

    #[test]
    fn reorder_or_removal_is_not_a_subsequence() {
        assert!(is_subsequence(&e(&["a", "c"]).labels, &e(&["a", "b", "c"]).labels));
        assert!(!is_subsequence(&e(&["a", "c"]).labels, &e(&["c", "a"]).labels));
        assert!(!is_subsequence(&e(&["a", "c"]).labels, &e(&["a"]).labels));
    }
}
