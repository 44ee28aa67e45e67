//! Extended statistics: created from their definition, dropped and created again when it changes, their
//! statistics target altered in place.

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a statistics object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum StatisticsOp {
    Create(Statistics),
    Drop(QName),
    /// `ALTER STATISTICS .. SET STATISTICS n` (`None`: back to the default).
    SetTarget {
        name: QName,
        target: Option<i32>,
    },
}

fn id(s: &Statistics) -> ObjectId {
    ObjectId::of(Kind::Statistics, &s.name)
}

/// Statistics go with their table: no separate drop when the table is dropped.
pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.statistics, &to.statistics) {
        match p {
            Pair::Added(s) => create(out, s),
            Pair::Removed(s) => {
                if to.has_relation(&s.table) || !from.has_relation(&s.table) {
                    out.push(drop(s));
                }
            }
            Pair::Both(a, b) => {
                if a.definition != b.definition {
                    out.push(drop(a));
                    create(out, b);
                    continue;
                }
                if a.target != b.target {
                    let op = StatisticsOp::SetTarget { name: b.name.clone(), target: b.target };
                    out.push(Change::new(Action::Alter, id(b), Op::Statistics(op)));
                }
                comment(out, id(b), CommentTarget::Statistics(b.name.clone()), Some(&a.comment), &b.comment);
            }
        }
    }
}

pub(crate) fn create(out: &mut Vec<Change>, s: &Statistics) {
    out.push(Change::new(Action::Create, id(s), Op::Statistics(StatisticsOp::Create(s.clone()))));
    comment(out, id(s), CommentTarget::Statistics(s.name.clone()), None, &s.comment);
}

pub(crate) fn drop(s: &Statistics) -> Change {
    Change::new(Action::Drop, id(s), Op::Statistics(StatisticsOp::Drop(s.name.clone())))
}

/// Rows of `sql/pg/statistics.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        oids.statistics.insert(get(r, "oid")?, ObjectId::of(Kind::Statistics, &name));
        let s = Statistics {
            name: name.clone(),
            table: QName::new(get::<String>(r, "table_schema")?, get::<String>(r, "table_name")?),
            definition: get(r, "definition")?,
            target: get(r, "target")?,
            comment: get(r, "comment")?,
        };
        cat.statistics.insert(name, s);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &StatisticsOp) -> Vec<String> {
    let target =
        |name: &QName, t: Option<i32>| format!("ALTER STATISTICS {} SET STATISTICS {};", name.sql(), t.unwrap_or(-1));
    match op {
        StatisticsOp::Create(s) => {
            let mut v = vec![format!("{};", s.definition)];
            v.extend(s.target.map(|t| target(&s.name, Some(t))));
            v
        }
        StatisticsOp::Drop(name) => vec![format!("DROP STATISTICS {};", name.sql())],
        StatisticsOp::SetTarget { name, target: t } => vec![target(name, *t)],
    }
}
