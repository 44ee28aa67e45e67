//! Diff of enum types: `ADD VALUE` (with BEFORE/AFTER) when labels are only added, otherwise a rebuild of
//! the type that converts every column (and array column) using it.

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use crate::pg::rebuild::{old_name, retype_columns};
use postgres::Row;

/// What pgdrift does to an enum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum EnumOp {
    Create(EnumType),
    Drop(QName),
    /// `ALTER TYPE .. ADD VALUE`, placed `BEFORE`/`AFTER` an existing label when not appended.
    AddValue {
        name: QName,
        label: String,
        before: Option<String>,
        after: Option<String>,
    },
    /// Rename the old type away, create the new one, convert every column through text, drop the old.
    Rebuild {
        target: EnumType,
        columns: Vec<RetypedColumn>,
    },
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.enums, &to.enums) {
        match p {
            Pair::Added(e) => {
                let id = ObjectId::of(Kind::Enum, &e.name);
                out.push(Change::new(Action::Create, id.clone(), Op::Enum(EnumOp::Create(e.clone()))));
                comment(out, id, CommentTarget::Type(e.name.clone()), None, &e.comment);
            }
            Pair::Removed(e) => out.push(Change::new(
                Action::Drop,
                ObjectId::of(Kind::Enum, &e.name),
                Op::Enum(EnumOp::Drop(e.name.clone())),
            )),
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
        Kind::Statistics => to.statistics.get(&QName::new(&dep.schema, &dep.name)).is_some_and(|s| uses(&s.definition)),
        Kind::Rule => to
            .rules
            .get(&(QName::new(&dep.schema, &dep.name), dep.sub.to_string()))
            .is_some_and(|r| uses(&r.definition)),
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
        | Kind::Publication
        | Kind::EventTrigger
        | Kind::Cast
        | Kind::TsDictionary
        | Kind::TsConfiguration
        | Kind::ForeignDataWrapper
        | Kind::ForeignServer
        | Kind::UserMapping
        | Kind::Subscription
        | Kind::Role
        | Kind::TsParser
        | Kind::TsTemplate
        | Kind::Language
        | Kind::Transform
        | Kind::Operator
        | Kind::Conversion
        | Kind::AccessMethod
        | Kind::OperatorFamily
        | Kind::OperatorClass => false,
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
        let op = Op::Enum(EnumOp::AddValue { name: b.name.clone(), label: label.clone(), before, after });
        out.push(Change::new(Action::Alter, id.clone(), op));
    }
}

fn rebuild(from: &Catalog, to: &Catalog, a: &EnumType, b: &EnumType) -> Change {
    let id = ObjectId::of(Kind::Enum, &b.name);
    let columns: Vec<RetypedColumn> = from
        .depends
        .iter()
        .filter(|(dep, r)| *r == id && dep.kind == Kind::Column)
        .filter_map(|(dep, _)| crate::pg::rebuild::column(from, to, dep).ok().flatten())
        .collect();
    let covers = crate::pg::rebuild::covers(&columns);
    let removed: Vec<&String> = a.labels.iter().filter(|l| !b.labels.contains(l)).collect();
    let mut change =
        Change::new(Action::Alter, id, Op::Enum(EnumOp::Rebuild { target: b.clone(), columns })).covering(covers);
    if !removed.is_empty() {
        let list = removed.iter().map(|l| format!("{l:?}")).collect::<Vec<_>>().join(", ");
        change = change.with_hazard(Hazard::deletes(format!(
            "removes value(s) {list} from enum {}: rows holding them make the conversion fail",
            b.name
        )));
    }
    change
}

/// Rows of `sql/pg/enum_type.sql` into the catalog (OIDs recorded in the inspector's map only).
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let id = ObjectId::of(Kind::Enum, &name);
        oids.types.insert(get(r, "oid")?, id.clone());
        oids.types.insert(get(r, "array_oid")?, id);
        cat.enums.insert(name.clone(), EnumType { name, labels: get(r, "labels")?, comment: get(r, "comment")? });
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &EnumOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        EnumOp::Create(e) => one(format!("CREATE TYPE {} AS ENUM ({});", e.name.sql(), labels(e))),
        EnumOp::Drop(q) => one(format!("DROP TYPE {};", q.sql())),
        EnumOp::AddValue { name, label, before, after } => {
            let pos = match (before, after) {
                (Some(b), _) => format!(" BEFORE {}", Literal(b)),
                (None, Some(a)) => format!(" AFTER {}", Literal(a)),
                _ => String::new(),
            };
            one(format!("ALTER TYPE {} ADD VALUE {}{pos};", name.sql(), Literal(label)))
        }
        EnumOp::Rebuild { target, columns } => rebuild_enum(target, columns),
    }
}
fn labels(e: &EnumType) -> String {
    e.labels.iter().map(|l| Literal(l).to_string()).collect::<Vec<_>>().join(", ")
}

fn rebuild_enum(target: &EnumType, columns: &[crate::pg::RetypedColumn]) -> Vec<String> {
    let q = &target.name;
    let old = QName::new(&q.schema, old_name(&q.name));
    let mut out = vec![
        format!("ALTER TYPE {} RENAME TO {};", q.sql(), Ident(&old.name)),
        format!("CREATE TYPE {} AS ENUM ({});", q.sql(), labels(target)),
    ];
    retype_columns(&mut out, columns, |c, col| {
        let (text, ty) = if c.is_array { ("text[]", format!("{}[]", q.sql())) } else { ("text", q.sql()) };
        format!("{ty} USING {col}::{text}::{ty}")
    });
    out.push(format!("DROP TYPE {};", old.sql()));
    out
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
            .map(|c| {
                let Op::Enum(EnumOp::AddValue { label, before, after, .. }) = &c.op else {
                    panic!("not ADD VALUE: {:?}", c.op)
                };
                (label.clone(), before.clone(), after.clone())
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
