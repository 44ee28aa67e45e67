//! Aggregates: compared by their whole CREATE AGGREGATE options; a changed one is dropped and created again
//! (views using it are recreated around it by the forced replacements).

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to an aggregate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum AggregateOp {
    Create(Aggregate),
    Drop { name: QName, identity_args: String },
}

fn id(a: &Aggregate) -> ObjectId {
    ObjectId::new(Kind::Aggregate, &a.name.schema, &a.name.name, &a.identity_args)
}

fn target(a: &Aggregate) -> CommentTarget {
    CommentTarget::Aggregate(a.name.clone(), a.identity_args.clone())
}

/// `*` stands for no arguments (`count(*)`-like aggregates).
pub(crate) fn signature(args: &str) -> &str {
    if args.is_empty() {
        "*"
    } else {
        args
    }
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.aggregates, &to.aggregates) {
        match p {
            Pair::Added(a) => create(a, out),
            Pair::Removed(a) => out.push(drop(a)),
            Pair::Both(a, b) if a.options != b.options || a.arguments != b.arguments => {
                out.push(drop(a));
                create(b, out);
            }
            Pair::Both(a, b) => comment(out, id(b), target(b), Some(&a.comment), &b.comment),
        }
    }
}

fn create(a: &Aggregate, out: &mut Vec<Change>) {
    out.push(Change::new(Action::Create, id(a), Op::Aggregate(AggregateOp::Create(a.clone()))));
    comment(out, id(a), target(a), None, &a.comment);
}

fn drop(a: &Aggregate) -> Change {
    let op = Op::Aggregate(AggregateOp::Drop { name: a.name.clone(), identity_args: a.identity_args.clone() });
    Change::new(Action::Drop, id(a), op)
}

/// Rows of `sql/pg/aggregate.sql` into the catalog (OIDs recorded in the inspector's map only).
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let identity_args: String = get(r, "identity_args")?;
        oids.procs.insert(get(r, "oid")?, ObjectId::new(Kind::Aggregate, &name.schema, &name.name, &identity_args));
        let agg = Aggregate {
            name: name.clone(),
            identity_args: identity_args.clone(),
            arguments: get(r, "arguments")?,
            options: get(r, "options")?,
            comment: get(r, "comment")?,
        };
        cat.aggregates.insert((name, identity_args), agg);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &AggregateOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        AggregateOp::Create(a) => one(format!(
            "CREATE AGGREGATE {}({}) ({});",
            a.name.sql(),
            crate::pg::aggregate_signature(&a.arguments),
            a.options
        )),
        AggregateOp::Drop { name, identity_args } => {
            one(format!("DROP AGGREGATE {}({});", name.sql(), crate::pg::aggregate_signature(identity_args)))
        }
    }
}
