//! Encoding conversions: created, dropped, and dropped and created again when they change.

use crate::pg::inspect::rows::{get, required};
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a conversion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ConversionOp {
    Create(EncodingConversion),
    Drop(QName),
}

fn id(c: &EncodingConversion) -> ObjectId {
    ObjectId::of(Kind::Conversion, &c.name)
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.conversions, &to.conversions) {
        match p {
            Pair::Added(c) => create(out, c),
            Pair::Removed(c) => out.push(drop(c)),
            Pair::Both(a, b)
                if (&a.source, &a.target, &a.function, a.default) != (&b.source, &b.target, &b.function, b.default) =>
            {
                out.push(drop(a));
                create(out, b);
            }
            Pair::Both(a, b) => {
                comment(out, id(b), CommentTarget::Conversion(b.name.clone()), Some(&a.comment), &b.comment)
            }
        }
    }
}

fn create(out: &mut Vec<Change>, c: &EncodingConversion) {
    out.push(Change::new(Action::Create, id(c), Op::Conversion(ConversionOp::Create(c.clone()))));
    comment(out, id(c), CommentTarget::Conversion(c.name.clone()), None, &c.comment);
}

fn drop(c: &EncodingConversion) -> Change {
    Change::new(Action::Drop, id(c), Op::Conversion(ConversionOp::Drop(c.name.clone())))
}

/// Rows of `sql/pg/conversion.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        oids.others.insert((get(r, "classid")?, get(r, "oid")?), ObjectId::of(Kind::Conversion, &name));
        let c = EncodingConversion {
            name: name.clone(),
            source: get(r, "source")?,
            target: get(r, "target")?,
            function: required(r, "function_fn")?,
            default: get(r, "is_default")?,
            comment: get(r, "comment")?,
        };
        cat.conversions.insert(name, c);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &ConversionOp) -> Vec<String> {
    match op {
        ConversionOp::Create(c) => vec![format!(
            "CREATE {}CONVERSION {} FOR {} TO {} FROM {};",
            if c.default { "DEFAULT " } else { "" },
            c.name.sql(),
            Literal(&c.source),
            Literal(&c.target),
            c.function.sql()
        )],
        ConversionOp::Drop(q) => vec![format!("DROP CONVERSION {};", q.sql())],
    }
}
