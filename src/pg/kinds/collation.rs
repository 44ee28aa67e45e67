//! Collations: compared as a whole; a changed collation used by columns is rebuilt under its name with
//! the columns moved over, otherwise dropped and created again.

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use crate::pg::rebuild::{old_name, retype_columns};
use postgres::Row;

/// What pgdrift does to a collation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum CollationOp {
    Create(Collation),
    Drop(QName),
    /// A collation whose definition changes while columns use it: renamed away, created anew, each column
    /// set to it again (its indexes rebuilt), the old one dropped.
    Rebuild {
        target: Collation,
        columns: Vec<RetypedColumn>,
    },
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.collations, &to.collations) {
        match p {
            Pair::Added(c) => create_collation(c, out),
            Pair::Removed(c) => out.push(drop_collation(c)),
            Pair::Both(a, b)
                if Collation { comment: None, ..a.clone() } != Collation { comment: None, ..b.clone() } =>
            {
                let id = ObjectId::of(Kind::Collation, &b.name);
                match crate::pg::rebuild::columns_using(from, to, &id) {
                    // Columns (and what is built on them) are carried over to the new collation.
                    Ok(columns) => {
                        let covers = crate::pg::rebuild::covers(&columns);
                        let op = Op::Collation(CollationOp::Rebuild { target: b.clone(), columns });
                        out.push(Change::new(Action::Alter, id.clone(), op).covering(covers));
                        comment(out, id, CommentTarget::Collation(b.name.clone()), None, &b.comment);
                    }
                    Err(user) => {
                        let reason =
                            format!("collation {} is dropped and created again: fails while {user} uses it", b.name);
                        out.push(drop_collation(a).with_hazard(Hazard::new(HazardKind::MayFail, reason)));
                        create_collation(b, out);
                    }
                }
            }
            Pair::Both(a, b) => {
                let id = ObjectId::of(Kind::Collation, &b.name);
                comment(out, id, CommentTarget::Collation(b.name.clone()), Some(&a.comment), &b.comment);
            }
        }
    }
}

fn create_collation(c: &Collation, out: &mut Vec<Change>) {
    let id = ObjectId::of(Kind::Collation, &c.name);
    out.push(Change::new(Action::Create, id.clone(), Op::Collation(CollationOp::Create(c.clone()))));
    comment(out, id, CommentTarget::Collation(c.name.clone()), None, &c.comment);
}

fn drop_collation(c: &Collation) -> Change {
    Change::new(Action::Drop, ObjectId::of(Kind::Collation, &c.name), Op::Collation(CollationOp::Drop(c.name.clone())))
}

/// Rows of `sql/pg/collation.sql` into the catalog (OIDs recorded in the inspector's map only).
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        oids.collations.insert(get(r, "oid")?, ObjectId::of(Kind::Collation, &name));
        let provider: String = get(r, "provider")?;
        let icu = provider == "icu";
        let collation = Collation {
            name: name.clone(),
            locale: get(r, "locale")?,
            // ICU collations carry no LC_COLLATE / LC_CTYPE of their own (older servers copy the locale).
            lc_collate: if icu { None } else { get(r, "lc_collate")? },
            lc_ctype: if icu { None } else { get(r, "lc_ctype")? },
            provider,
            deterministic: get(r, "deterministic")?,
            comment: get(r, "comment")?,
        };
        cat.collations.insert(name, collation);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &CollationOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        CollationOp::Rebuild { target, columns } => {
            let q = &target.name;
            let old = QName::new(&q.schema, old_name(&q.name));
            let mut v =
                vec![format!("ALTER COLLATION {} RENAME TO {};", q.sql(), Ident(&old.name)), create_sql(target)];
            retype_columns(&mut v, columns, |c, _| format!("{} COLLATE {}", c.data_type, q.sql()));
            v.push(format!("DROP COLLATION {};", old.sql()));
            v
        }
        CollationOp::Create(c) => one(create_sql(c)),
        CollationOp::Drop(q) => one(format!("DROP COLLATION {};", q.sql())),
    }
}
/// `CREATE COLLATION` with the options the provider takes.
fn create_sql(c: &Collation) -> String {
    let lit = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let mut opts = vec![format!("provider = {}", c.provider)];
    if let Some(l) = &c.locale {
        opts.push(format!("locale = {}", lit(l)));
    }
    if let Some(l) = &c.lc_collate {
        opts.push(format!("lc_collate = {}", lit(l)));
    }
    if let Some(l) = &c.lc_ctype {
        opts.push(format!("lc_ctype = {}", lit(l)));
    }
    opts.push(format!("deterministic = {}", c.deterministic));
    format!("CREATE COLLATION {} ({});", c.name.sql(), opts.join(", "))
}
