//! Schemas: created, dropped, commented.

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a schema.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum SchemaOp {
    Create(Schema),
    Drop(String),
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.schemas, &to.schemas) {
        match p {
            Pair::Added(s) => {
                let id = ObjectId::schema(&s.name);
                out.push(Change::new(Action::Create, id.clone(), Op::Schema(SchemaOp::Create(s.clone()))));
                comment(out, id, CommentTarget::Schema(s.name.clone()), None, &s.comment);
            }
            Pair::Removed(s) => out.push(
                Change::new(Action::Drop, ObjectId::schema(&s.name), Op::Schema(SchemaOp::Drop(s.name.clone())))
                    .with_hazard(Hazard::deletes(format!("drops schema {}", s.name))),
            ),
            Pair::Both(a, b) => {
                let t = CommentTarget::Schema(b.name.clone());
                comment(out, ObjectId::schema(&b.name), t, Some(&a.comment), &b.comment)
            }
        }
    }
}

/// Rows of `sql/pg/schema.sql` into the catalog (OIDs recorded in the inspector's map only).
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let cat = &mut d.catalog;
    for r in rows {
        let r = &r;
        let name: String = get(r, "name")?;
        cat.schemas.insert(name.clone(), Schema { name, comment: get(r, "comment")? });
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &SchemaOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        SchemaOp::Create(s) => one(format!("CREATE SCHEMA {};", Ident(&s.name))),
        SchemaOp::Drop(s) => one(format!("DROP SCHEMA {};", Ident(s))),
    }
}
