//! Casts: created, dropped, and dropped and created again when their method or context changes.

use crate::pg::inspect::rows::{code, get};
use crate::pg::inspect::{decode_err, Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a cast.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum CastOp {
    Create(Cast),
    Drop { source: String, target: String },
}

fn id(c: &Cast) -> ObjectId {
    ObjectId::new(Kind::Cast, "", &c.name(), "")
}

fn target(c: &Cast) -> CommentTarget {
    CommentTarget::Cast(c.source.clone(), c.target.clone())
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.casts, &to.casts) {
        match p {
            Pair::Added(c) => create(out, c),
            Pair::Removed(c) => out.push(drop(c)),
            Pair::Both(a, b) => {
                if (&a.method, a.context) != (&b.method, b.context) {
                    out.push(drop(a));
                    create(out, b);
                    continue;
                }
                comment(out, id(b), target(b), Some(&a.comment), &b.comment);
            }
        }
    }
}

pub(crate) fn create(out: &mut Vec<Change>, c: &Cast) {
    out.push(Change::new(Action::Create, id(c), Op::Cast(CastOp::Create(c.clone()))));
    comment(out, id(c), target(c), None, &c.comment);
}

pub(crate) fn drop(c: &Cast) -> Change {
    Change::new(Action::Drop, id(c), Op::Cast(CastOp::Drop { source: c.source.clone(), target: c.target.clone() }))
}

/// Rows of `sql/pg/cast.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let (source, target): (String, String) = (get(r, "source")?, get(r, "target")?);
        let what = || format!("cast {source} AS {target}");
        let method = match get::<&str>(r, "method")? {
            "f" => CastMethod::Function {
                function: QName::new(get::<String>(r, "function_schema")?, get::<String>(r, "function_name")?),
                args: get(r, "function_args")?,
            },
            "b" => CastMethod::Binary,
            "i" => CastMethod::InOut,
            other => return Err(decode_err(what(), format!("unknown cast method {other:?}"))),
        };
        let context = code(r, "context", &what())?;
        let cast = Cast { source, target, method, context, comment: get(r, "comment")? };
        oids.casts.insert(get(r, "oid")?, ObjectId::new(Kind::Cast, "", &cast.name(), ""));
        cat.casts.insert(cast.name(), cast);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &CastOp) -> Vec<String> {
    match op {
        CastOp::Create(c) => {
            let how = match &c.method {
                CastMethod::Function { function, args } => format!("WITH FUNCTION {}({args})", function.sql()),
                CastMethod::Binary => "WITHOUT FUNCTION".into(),
                CastMethod::InOut => "WITH INOUT".into(),
            };
            let context = match c.context {
                CastContext::Explicit => "",
                CastContext::Assignment => " AS ASSIGNMENT",
                CastContext::Implicit => " AS IMPLICIT",
            };
            vec![format!("CREATE CAST ({} AS {}) {how}{context};", c.source, c.target)]
        }
        CastOp::Drop { source, target } => vec![format!("DROP CAST ({source} AS {target});")],
    }
}
