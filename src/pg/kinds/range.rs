//! Range types: compared as a whole; a changed one is dropped and created again (after, and before, what
//! uses it).

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum RangeOp {
    Create(RangeType),
    Drop(QName),
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.ranges, &to.ranges) {
        match p {
            Pair::Added(r) => create_range(r, out),
            Pair::Removed(r) => out.push(drop_range(r)),
            Pair::Both(a, b) if a.subtype != b.subtype || a.options != b.options => {
                let reason = format!("range type {} is dropped and created again: fails while columns use it", b.name);
                out.push(drop_range(a).with_hazard(Hazard::new(HazardKind::MayFail, reason)));
                create_range(b, out);
            }
            Pair::Both(a, b) => {
                let id = ObjectId::of(Kind::Range, &b.name);
                comment(out, id, CommentTarget::Type(b.name.clone()), Some(&a.comment), &b.comment);
            }
        }
    }
}

fn create_range(r: &RangeType, out: &mut Vec<Change>) {
    let id = ObjectId::of(Kind::Range, &r.name);
    out.push(Change::new(Action::Create, id.clone(), Op::Range(RangeOp::Create(r.clone()))));
    comment(out, id, CommentTarget::Type(r.name.clone()), None, &r.comment);
}

fn drop_range(r: &RangeType) -> Change {
    Change::new(Action::Drop, ObjectId::of(Kind::Range, &r.name), Op::Range(RangeOp::Drop(r.name.clone())))
}

/// Rows of `sql/pg/range.sql` into the catalog (OIDs recorded in the inspector's map only).
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let id = ObjectId::of(Kind::Range, &name);
        oids.types.insert(get(r, "oid")?, id.clone());
        oids.types.insert(get(r, "multirange_oid")?, id);
        let range = RangeType {
            name: name.clone(),
            subtype: get(r, "subtype")?,
            options: get(r, "options")?,
            comment: get(r, "comment")?,
        };
        cat.ranges.insert(name, range);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &RangeOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        RangeOp::Create(r) => {
            let opts: String = r.options.iter().map(|o| format!(", {o}")).collect();
            one(format!("CREATE TYPE {} AS RANGE (subtype = {}{opts});", r.name.sql(), r.subtype))
        }
        RangeOp::Drop(q) => one(format!("DROP TYPE {};", q.sql())),
    }
}
