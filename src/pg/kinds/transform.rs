//! Transforms (`CREATE TRANSFORM FOR type LANGUAGE lang`): created, dropped, and replaced in place (`CREATE
//! OR REPLACE TRANSFORM`) when a function changes.

use crate::pg::inspect::rows::{get, qualified};
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a transform.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum TransformOp {
    /// `CREATE OR REPLACE TRANSFORM`.
    Create(Transform),
    Drop {
        type_name: String,
        language: String,
    },
}

fn id(t: &Transform) -> ObjectId {
    ObjectId::new(Kind::Transform, "", &t.name(), "")
}

fn target(t: &Transform) -> CommentTarget {
    CommentTarget::Transform(t.type_name.clone(), t.language.clone())
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.transforms, &to.transforms) {
        match p {
            Pair::Added(t) => create(out, t, Action::Create, None),
            Pair::Removed(t) => out.push(Change::new(
                Action::Drop,
                id(t),
                Op::Transform(TransformOp::Drop { type_name: t.type_name.clone(), language: t.language.clone() }),
            )),
            Pair::Both(a, b) if (&a.from_sql, &a.to_sql) != (&b.from_sql, &b.to_sql) => {
                create(out, b, Action::Alter, Some(&a.comment))
            }
            Pair::Both(a, b) => comment(out, id(b), target(b), Some(&a.comment), &b.comment),
        }
    }
}

fn create(out: &mut Vec<Change>, t: &Transform, action: Action, old_comment: Option<&Option<String>>) {
    out.push(Change::new(action, id(t), Op::Transform(TransformOp::Create(t.clone()))));
    comment(out, id(t), target(t), old_comment, &t.comment);
}

/// Rows of `sql/pg/transform.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let function = |f: &str, args: &str| -> Result<Option<FunctionRef>, Failure> {
            Ok(match qualified(r, f)? {
                Some(function) => {
                    Some(FunctionRef { function, args: get::<Option<String>>(r, args)?.unwrap_or_default() })
                }
                None => None,
            })
        };
        let t = Transform {
            type_name: get(r, "type_name")?,
            language: get(r, "language")?,
            from_sql: function("from_sql_fn", "from_sql_args")?,
            to_sql: function("to_sql_fn", "to_sql_args")?,
            comment: get(r, "comment")?,
        };
        oids.others.insert((get(r, "classid")?, get(r, "oid")?), id(&t));
        cat.transforms.insert(t.name(), t);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &TransformOp) -> Vec<String> {
    match op {
        TransformOp::Create(t) => {
            let mut parts = Vec::new();
            if let Some(f) = &t.from_sql {
                parts.push(format!("FROM SQL WITH FUNCTION {}", f.sql()));
            }
            if let Some(f) = &t.to_sql {
                parts.push(format!("TO SQL WITH FUNCTION {}", f.sql()));
            }
            vec![format!(
                "CREATE OR REPLACE TRANSFORM FOR {} LANGUAGE {} ({});",
                t.type_name,
                Ident(&t.language),
                parts.join(", ")
            )]
        }
        TransformOp::Drop { type_name, language } => {
            vec![format!("DROP TRANSFORM FOR {type_name} LANGUAGE {};", Ident(language))]
        }
    }
}
