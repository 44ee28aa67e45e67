//! Publications: create, drop (or drop + create when FOR ALL TABLES changes), options through
//! `ALTER PUBLICATION .. SET`, membership through `ADD TABLE` / `DROP TABLE` (each after the table exists;
//! a table that is dropped leaves its publications by itself).

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a publication.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum PublicationOp {
    Create(Publication),
    Drop(String),
    /// `ALTER PUBLICATION .. SET (publish = .., publish_via_partition_root = ..)`.
    SetOptions(Publication),
    /// `ALTER PUBLICATION .. ADD TABLE` (`add`) or `DROP TABLE`.
    AlterTable {
        publication: String,
        table: QName,
        add: bool,
    },
    Comment(String, Option<String>),
}

fn id(p: &Publication) -> ObjectId {
    ObjectId::new(Kind::Publication, "", &p.name, "")
}

fn tables(p: &Publication) -> Vec<ObjectId> {
    p.tables.iter().map(|t| ObjectId::of(Kind::Table, t)).collect()
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for pair in pairs(&from.publications, &to.publications) {
        match pair {
            Pair::Added(b) => create(out, b),
            Pair::Removed(a) => {
                out.push(Change::new(Action::Drop, id(a), Op::Publication(PublicationOp::Drop(a.name.clone()))))
            }
            Pair::Both(a, b) if a.all_tables != b.all_tables => {
                out.push(Change::new(Action::Drop, id(a), Op::Publication(PublicationOp::Drop(a.name.clone()))));
                create(out, b);
            }
            Pair::Both(a, b) => {
                if a.publish != b.publish || a.via_root != b.via_root {
                    out.push(Change::new(Action::Alter, id(b), Op::Publication(PublicationOp::SetOptions(b.clone()))));
                }
                for t in b.tables.iter().filter(|t| !a.tables.contains(t)) {
                    let op = Op::Publication(PublicationOp::AlterTable {
                        publication: b.name.clone(),
                        table: t.clone(),
                        add: true,
                    });
                    out.push(Change::new(Action::Alter, id(b), op).needing([ObjectId::of(Kind::Table, t)]));
                }
                for t in a.tables.iter().filter(|t| !b.tables.contains(t) && to.tables.contains_key(*t)) {
                    let op = Op::Publication(PublicationOp::AlterTable {
                        publication: b.name.clone(),
                        table: t.clone(),
                        add: false,
                    });
                    out.push(Change::new(Action::Alter, id(b), op));
                }
                if a.comment != b.comment {
                    out.push(Change::new(
                        Action::Alter,
                        id(b),
                        Op::Publication(PublicationOp::Comment(b.name.clone(), b.comment.clone())),
                    ));
                }
            }
        }
    }
}

fn create(out: &mut Vec<Change>, p: &Publication) {
    out.push(Change::new(Action::Create, id(p), Op::Publication(PublicationOp::Create(p.clone()))).needing(tables(p)));
    if p.comment.is_some() {
        out.push(Change::new(
            Action::Alter,
            id(p),
            Op::Publication(PublicationOp::Comment(p.name.clone(), p.comment.clone())),
        ));
    }
}

/// Rows of `sql/pg/publication.sql` into the catalog (OIDs recorded in the inspector's map only).
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let cat = &mut d.catalog;
    for r in rows {
        let r = &r;
        let schemas: Vec<String> = get(r, "table_schemas")?;
        let names: Vec<String> = get(r, "table_names")?;
        let p = Publication {
            name: get(r, "name")?,
            all_tables: get(r, "all_tables")?,
            publish: get(r, "publish")?,
            via_root: get(r, "via_root")?,
            tables: schemas.iter().zip(&names).map(|(s, n)| QName::new(s, n)).collect(),
            comment: get(r, "comment")?,
        };
        cat.publications.insert(p.name.clone(), p);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &PublicationOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        PublicationOp::Create(p) => {
            let what = if p.all_tables {
                " FOR ALL TABLES".to_string()
            } else if p.tables.is_empty() {
                String::new()
            } else {
                format!(" FOR TABLE {}", p.tables.iter().map(QName::sql).collect::<Vec<_>>().join(", "))
            };
            one(format!("CREATE PUBLICATION {}{what} WITH ({});", Ident(&p.name), publication_options(p)))
        }
        PublicationOp::Drop(name) => one(format!("DROP PUBLICATION {};", Ident(name))),
        PublicationOp::SetOptions(p) => {
            one(format!("ALTER PUBLICATION {} SET ({});", Ident(&p.name), publication_options(p)))
        }
        PublicationOp::AlterTable { publication, table, add } => one(format!(
            "ALTER PUBLICATION {} {} TABLE {};",
            Ident(publication),
            if *add { "ADD" } else { "DROP" },
            table.sql()
        )),
        PublicationOp::Comment(name, text) => one(format!(
            "COMMENT ON PUBLICATION {} IS {};",
            Ident(name),
            text.as_deref().map_or("NULL".to_string(), |t| Literal(t).to_string())
        )),
    }
}
fn publication_options(p: &Publication) -> String {
    format!("publish = {}, publish_via_partition_root = {}", Literal(&p.publish.join(", ")), p.via_root)
}
