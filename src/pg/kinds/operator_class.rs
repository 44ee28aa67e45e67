//! Operator classes: created, dropped, and dropped and created again when anything but their comment
//! changes (indexes using one are re-created around it: see `replace.rs`).

use super::operator_family::{member_sql, members};
use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to an operator class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum OperatorClassOp {
    Create(Box<OperatorClass>),
    Drop { name: QName, method: String },
}

fn id(c: &OperatorClass) -> ObjectId {
    ObjectId::new(Kind::OperatorClass, &c.name.schema, &c.name.name, &c.method)
}

fn target(c: &OperatorClass) -> CommentTarget {
    CommentTarget::OperatorClass(c.name.clone(), c.method.clone())
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.operator_classes, &to.operator_classes) {
        match p {
            Pair::Added(c) => create(out, c),
            Pair::Removed(c) => out.push(drop(c)),
            Pair::Both(a, b)
                if OperatorClass { comment: None, ..a.clone() } != OperatorClass { comment: None, ..b.clone() } =>
            {
                out.push(drop(a));
                create(out, b);
            }
            Pair::Both(a, b) => comment(out, id(b), target(b), Some(&a.comment), &b.comment),
        }
    }
}

fn create(out: &mut Vec<Change>, c: &OperatorClass) {
    let family = ObjectId::new(Kind::OperatorFamily, &c.family.schema, &c.family.name, &c.method);
    let op = Op::OperatorClass(OperatorClassOp::Create(Box::new(c.clone())));
    out.push(Change::new(Action::Create, id(c), op).needing([family]));
    comment(out, id(c), target(c), None, &c.comment);
}

fn drop(c: &OperatorClass) -> Change {
    let op = OperatorClassOp::Drop { name: c.name.clone(), method: c.method.clone() };
    Change::new(Action::Drop, id(c), Op::OperatorClass(op))
}

/// Rows of `sql/pg/operator_class.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let method: String = get(r, "method")?;
        let owner = ObjectId::new(Kind::OperatorClass, &name.schema, &name.name, &method);
        d.oids.others.insert((get(r, "classid")?, get(r, "oid")?), owner.clone());
        let c = OperatorClass {
            name: name.clone(),
            method: method.clone(),
            default: get(r, "is_default")?,
            type_name: get(r, "type_name")?,
            family: QName::new(get::<String>(r, "family_schema")?, get::<String>(r, "family_name")?),
            storage: get(r, "storage")?,
            members: members(d, r, &owner)?,
            comment: get(r, "comment")?,
        };
        d.catalog.operator_classes.insert((name, method), c);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &OperatorClassOp) -> Vec<String> {
    match op {
        OperatorClassOp::Create(c) => {
            let mut items: Vec<String> = c.members.iter().map(member_sql).collect();
            if let Some(s) = &c.storage {
                items.push(format!("STORAGE {s}"));
            }
            vec![format!(
                "CREATE OPERATOR CLASS {}{} FOR TYPE {} USING {} FAMILY {} AS {};",
                c.name.sql(),
                if c.default { " DEFAULT" } else { "" },
                c.type_name,
                Ident(&c.method),
                c.family.sql(),
                items.join(", ")
            )]
        }
        OperatorClassOp::Drop { name, method } => {
            vec![format!("DROP OPERATOR CLASS {} USING {};", name.sql(), Ident(method))]
        }
    }
}
