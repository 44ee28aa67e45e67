//! Publications: create, drop (or drop + create when FOR ALL TABLES changes), options through
//! `ALTER PUBLICATION .. SET`, membership through `ADD TABLE` / `DROP TABLE` with each member's row filter
//! and column list (a member whose filter or list changes is dropped and added again: no other member is
//! touched), and `ADD / DROP TABLES IN SCHEMA` (each after the table or schema exists; a table that is
//! dropped leaves its publications by itself).

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
    /// `ALTER PUBLICATION .. ADD TABLE` (`add`, with the member's column list and row filter) or `DROP TABLE`.
    AlterTable {
        publication: String,
        table: QName,
        add: bool,
        filter: Option<TableFilter>,
    },
    /// `ALTER PUBLICATION .. ADD TABLES IN SCHEMA` (`add`) or `DROP TABLES IN SCHEMA`.
    AlterSchema {
        publication: String,
        schema: String,
        add: bool,
    },
    Comment(String, Option<String>),
}

fn id(p: &Publication) -> ObjectId {
    ObjectId::new(Kind::Publication, "", &p.name, "")
}

/// What a publication needs first: its member tables and schemas.
fn members(p: &Publication) -> Vec<ObjectId> {
    let tables = p.tables.iter().map(|t| ObjectId::of(Kind::Table, t));
    tables.chain(p.schemas.iter().map(|s| ObjectId::schema(s))).collect()
}

fn is_column_drop(c: &Change, table: &QName) -> bool {
    c.action == Action::Drop
        && c.id.kind == Kind::Column
        && c.id.table().as_ref() == Some(table)
        && matches!(c.op, Op::Column(ColumnOp::Drop { .. }))
}

fn alter_table(p: &Publication, t: &QName, add: bool) -> Change {
    let filter = if add { p.filter(t).cloned() } else { None };
    let op = PublicationOp::AlterTable { publication: p.name.clone(), table: t.clone(), add, filter };
    let change = Change::new(Action::Alter, id(p), Op::Publication(op));
    if add {
        // Its column list's columns first (a column the plan adds).
        let columns = p.filter(t).and_then(|f| f.columns.as_ref()).into_iter().flatten();
        change.needing([ObjectId::of(Kind::Table, t)]).needing(columns.map(|c| ObjectId::column(t, c)))
    } else {
        change
    }
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
                // A member whose row filter or column list changes leaves and joins again.
                let refiltered = |t: &&QName| a.tables.contains(t) && a.filter(t) != b.filter(t);
                for t in
                    a.tables.iter().filter(|t| (!b.tables.contains(t) && to.tables.contains_key(*t)) || refiltered(t))
                {
                    out.push(alter_table(b, t, false));
                    // A column its row filter or column list names cannot be dropped while it is a member.
                    if a.filter(t).is_some() {
                        for c in out.iter_mut().filter(|c| is_column_drop(c, t)) {
                            c.needs.push(id(b));
                        }
                    }
                }
                for t in b.tables.iter().filter(|t| !a.tables.contains(t) || refiltered(t)) {
                    out.push(alter_table(b, t, true));
                }
                for (schema, add) in a
                    .schemas
                    .iter()
                    .filter(|s| !b.schemas.contains(s) && to.schemas.contains_key(s.as_str()))
                    .map(|s| (s, false))
                    .chain(b.schemas.iter().filter(|s| !a.schemas.contains(s)).map(|s| (s, true)))
                {
                    let op = PublicationOp::AlterSchema { publication: b.name.clone(), schema: schema.clone(), add };
                    let change = Change::new(Action::Alter, id(b), Op::Publication(op));
                    out.push(if add { change.needing([ObjectId::schema(schema)]) } else { change });
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
    out.push(Change::new(Action::Create, id(p), Op::Publication(PublicationOp::Create(p.clone()))).needing(members(p)));
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
        let row_filters: Vec<Option<String>> = get(r, "row_filters")?;
        let column_lists: Vec<Option<String>> = get(r, "column_lists")?;
        let tables: Vec<QName> = schemas.iter().zip(&names).map(|(s, n)| QName::new(s, n)).collect();
        let filters = tables
            .iter()
            .zip(row_filters.into_iter().zip(column_lists))
            .filter(|(_, (f, c))| f.is_some() || c.is_some())
            .map(|(t, (row_filter, columns))| TableFilter {
                table: t.clone(),
                row_filter,
                columns: columns.as_deref().map(|c| split_quoted(c, ',')),
            })
            .collect();
        let p = Publication {
            name: get(r, "name")?,
            all_tables: get(r, "all_tables")?,
            publish: get(r, "publish")?,
            via_root: get(r, "via_root")?,
            tables,
            filters,
            schemas: get(r, "schemas")?,
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
            } else {
                let tables = p.tables.iter().map(|t| member(t, p.filter(t)));
                let schemas = p.schemas.iter().map(|s| format!("TABLES IN SCHEMA {}", Ident(s)));
                let all: Vec<String> = tables.map(|t| format!("TABLE {t}")).chain(schemas).collect();
                if all.is_empty() {
                    String::new()
                } else {
                    format!(" FOR {}", all.join(", "))
                }
            };
            one(format!("CREATE PUBLICATION {}{what} WITH ({});", Ident(&p.name), publication_options(p)))
        }
        PublicationOp::Drop(name) => one(format!("DROP PUBLICATION {};", Ident(name))),
        PublicationOp::SetOptions(p) => {
            one(format!("ALTER PUBLICATION {} SET ({});", Ident(&p.name), publication_options(p)))
        }
        PublicationOp::AlterTable { publication, table, add, filter } => one(format!(
            "ALTER PUBLICATION {} {} TABLE {};",
            Ident(publication),
            if *add { "ADD" } else { "DROP" },
            member(table, filter.as_ref())
        )),
        PublicationOp::AlterSchema { publication, schema, add } => one(format!(
            "ALTER PUBLICATION {} {} TABLES IN SCHEMA {};",
            Ident(publication),
            if *add { "ADD" } else { "DROP" },
            Ident(schema)
        )),
        PublicationOp::Comment(name, text) => one(format!(
            "COMMENT ON PUBLICATION {} IS {};",
            Ident(name),
            text.as_deref().map_or("NULL".to_string(), |t| Literal(t).to_string())
        )),
    }
}
/// A member table with its column list and row filter.
fn member(table: &QName, filter: Option<&TableFilter>) -> String {
    let mut s = table.sql();
    if let Some(f) = filter {
        if let Some(cols) = &f.columns {
            s.push_str(&format!(" ({})", cols.iter().map(|c| Ident(c).to_string()).collect::<Vec<_>>().join(", ")));
        }
        if let Some(w) = &f.row_filter {
            s.push_str(&format!(" WHERE ({w})"));
        }
    }
    s
}

fn publication_options(p: &Publication) -> String {
    format!("publish = {}, publish_via_partition_root = {}", Literal(&p.publish.join(", ")), p.via_root)
}
