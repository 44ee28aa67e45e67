//! Access methods a user created (not an extension's): created, dropped, and dropped and created again
//! when their type or handler changes.

use crate::pg::inspect::rows::{get, required};
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to an access method.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum AccessMethodOp {
    Create(AccessMethod),
    Drop(String),
}

fn id(a: &AccessMethod) -> ObjectId {
    ObjectId::new(Kind::AccessMethod, "", &a.name, "")
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.access_methods, &to.access_methods) {
        match p {
            Pair::Added(a) => create(out, a),
            Pair::Removed(a) => out.push(drop(a)),
            Pair::Both(a, b) if (a.table, &a.handler) != (b.table, &b.handler) => {
                out.push(drop(a));
                create(out, b);
            }
            Pair::Both(a, b) => {
                comment(out, id(b), CommentTarget::AccessMethod(b.name.clone()), Some(&a.comment), &b.comment)
            }
        }
    }
}

fn create(out: &mut Vec<Change>, a: &AccessMethod) {
    out.push(Change::new(Action::Create, id(a), Op::AccessMethod(AccessMethodOp::Create(a.clone()))));
    comment(out, id(a), CommentTarget::AccessMethod(a.name.clone()), None, &a.comment);
}

fn drop(a: &AccessMethod) -> Change {
    Change::new(Action::Drop, id(a), Op::AccessMethod(AccessMethodOp::Drop(a.name.clone())))
}

/// Rows of `sql/pg/access_method.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name: String = get(r, "name")?;
        oids.others.insert((get(r, "classid")?, get(r, "oid")?), ObjectId::new(Kind::AccessMethod, "", &name, ""));
        let a = AccessMethod {
            name: name.clone(),
            table: get(r, "is_table")?,
            handler: required(r, "handler_fn")?,
            comment: get(r, "comment")?,
        };
        cat.access_methods.insert(name, a);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &AccessMethodOp) -> Vec<String> {
    match op {
        AccessMethodOp::Create(a) => vec![format!(
            "CREATE ACCESS METHOD {} TYPE {} HANDLER {};",
            Ident(&a.name),
            if a.table { "TABLE" } else { "INDEX" },
            a.handler.sql()
        )],
        AccessMethodOp::Drop(name) => vec![format!("DROP ACCESS METHOD {};", Ident(name))],
    }
}
