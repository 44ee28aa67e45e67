//! Operators: created, dropped, their estimators altered in place (`ALTER OPERATOR .. SET (RESTRICT, JOIN)`),
//! dropped and created again when their function, commutator, negator or HASHES / MERGES change.

use crate::pg::inspect::rows::{get, qualified, required};
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to an operator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum OperatorOp {
    Create(Operator),
    Drop {
        name: QName,
        signature: String,
    },
    /// `ALTER OPERATOR .. SET (RESTRICT = .., JOIN = ..)`.
    SetEstimators {
        name: QName,
        signature: String,
        restrict: Option<QName>,
        join: Option<QName>,
    },
}

fn id(o: &Operator) -> ObjectId {
    ObjectId::new(Kind::Operator, &o.name.schema, &o.name.name, &o.signature())
}

fn target(o: &Operator) -> CommentTarget {
    CommentTarget::Operator(o.name.clone(), o.signature())
}

/// `schema.op` (an operator's name is not an identifier: never quoted).
pub(crate) fn operator_sql(q: &QName) -> String {
    format!("{}.{}", Ident(&q.schema), q.name)
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.operators, &to.operators) {
        match p {
            Pair::Added(o) => create(out, o),
            Pair::Removed(o) => out.push(drop(o)),
            Pair::Both(a, b)
                if (&a.function, &a.commutator, &a.negator, a.hashes, a.merges)
                    != (&b.function, &b.commutator, &b.negator, b.hashes, b.merges) =>
            {
                out.push(drop(a));
                create(out, b);
            }
            Pair::Both(a, b) => {
                if (&a.restrict, &a.join) != (&b.restrict, &b.join) {
                    let op = OperatorOp::SetEstimators {
                        name: b.name.clone(),
                        signature: b.signature(),
                        restrict: b.restrict.clone(),
                        join: b.join.clone(),
                    };
                    out.push(Change::new(Action::Alter, id(b), Op::Operator(op)));
                }
                comment(out, id(b), target(b), Some(&a.comment), &b.comment);
            }
        }
    }
}

fn create(out: &mut Vec<Change>, o: &Operator) {
    out.push(Change::new(Action::Create, id(o), Op::Operator(OperatorOp::Create(o.clone()))));
    comment(out, id(o), target(o), None, &o.comment);
}

fn drop(o: &Operator) -> Change {
    Change::new(Action::Drop, id(o), Op::Operator(OperatorOp::Drop { name: o.name.clone(), signature: o.signature() }))
}

/// Rows of `sql/pg/operator.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let o = Operator {
            name: QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?),
            left: get(r, "left_type")?,
            right: get(r, "right_type")?,
            function: required(r, "function_fn")?,
            commutator: qualified(r, "commutator")?,
            negator: qualified(r, "negator")?,
            restrict: qualified(r, "restrict_fn")?,
            join: qualified(r, "join_fn")?,
            hashes: get(r, "hashes")?,
            merges: get(r, "merges")?,
            comment: get(r, "comment")?,
        };
        oids.others.insert((get(r, "classid")?, get(r, "oid")?), id(&o));
        cat.operators.insert((o.name.clone(), o.signature()), o);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &OperatorOp) -> Vec<String> {
    let estimator = |f: &Option<QName>| f.as_ref().map(QName::sql).unwrap_or_else(|| "NONE".into());
    match op {
        OperatorOp::Create(o) => {
            let mut parts = vec![format!("FUNCTION = {}", o.function.sql())];
            if let Some(l) = &o.left {
                parts.push(format!("LEFTARG = {l}"));
            }
            parts.push(format!("RIGHTARG = {}", o.right));
            if let Some(c) = &o.commutator {
                parts.push(format!("COMMUTATOR = OPERATOR({})", operator_sql(c)));
            }
            if let Some(n) = &o.negator {
                parts.push(format!("NEGATOR = OPERATOR({})", operator_sql(n)));
            }
            if let Some(f) = &o.restrict {
                parts.push(format!("RESTRICT = {}", f.sql()));
            }
            if let Some(f) = &o.join {
                parts.push(format!("JOIN = {}", f.sql()));
            }
            if o.hashes {
                parts.push("HASHES".into());
            }
            if o.merges {
                parts.push("MERGES".into());
            }
            vec![format!("CREATE OPERATOR {} ({});", operator_sql(&o.name), parts.join(", "))]
        }
        OperatorOp::Drop { name, signature } => vec![format!("DROP OPERATOR {} {signature};", operator_sql(name))],
        OperatorOp::SetEstimators { name, signature, restrict, join } => vec![format!(
            "ALTER OPERATOR {} {signature} SET (RESTRICT = {}, JOIN = {});",
            operator_sql(name),
            estimator(restrict),
            estimator(join)
        )],
    }
}
