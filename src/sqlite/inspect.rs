//! Read a SQLite database into the shared model with a fixed number of set-based queries (sql/sqlite/):
//! tables, columns, indexes, views and triggers, constraints completed from the stored `CREATE TABLE`.

use super::ddl::{parse_create_table, ParsedKind, ParsedTable};
use super::lexer::{canonical, ident, tokenize, Tok};
use crate::model::*;
use rusqlite::Connection;
use std::collections::{BTreeMap, BTreeSet};

pub const SCHEMA: &str = "main";

const OBJECTS: &str = include_str!("../../sql/sqlite/objects.sql");
const COLUMNS: &str = include_str!("../../sql/sqlite/columns.sql");

struct ObjectRow {
    kind: String,
    name: String,
    table: String,
    sql: Option<String>,
    table_kind: String,
    without_rowid: bool,
    strict: bool,
}

struct ColumnRow {
    relation: String,
    name: String,
    data_type: String,
    not_null: bool,
    default: Option<String>,
    hidden: i64,
}

/// Read the `main` database of `conn` (queries run in one read transaction, so the picture is consistent).
pub fn inspect(conn: &Connection) -> rusqlite::Result<Catalog> {
    conn.execute_batch("BEGIN")?;
    let result = read(conn);
    let _ = conn.execute_batch("COMMIT");
    result
}

pub(crate) fn read(conn: &Connection) -> rusqlite::Result<Catalog> {
    let objects: Vec<ObjectRow> = conn
        .prepare(OBJECTS)?
        .query_map([], |r| {
            Ok(ObjectRow {
                kind: r.get(0)?,
                name: r.get(1)?,
                table: r.get(2)?,
                sql: r.get(3)?,
                table_kind: r.get(4)?,
                without_rowid: r.get::<_, i64>(5)? != 0,
                strict: r.get::<_, i64>(6)? != 0,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Views over missing tables cannot be described by pragma_table_xinfo: read only healthy relations.
    let columns: Vec<ColumnRow> = conn
        .prepare(COLUMNS)?
        .query_map([], |r| {
            Ok(ColumnRow {
                relation: r.get(0)?,
                name: r.get(2)?,
                data_type: r.get(3)?,
                not_null: r.get::<_, i64>(4)? != 0,
                default: r.get(5)?,
                hidden: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(build(objects, columns))
}

fn q(name: &str) -> QName {
    QName::new(SCHEMA, name)
}

fn build(objects: Vec<ObjectRow>, columns: Vec<ColumnRow>) -> Catalog {
    let mut cat =
        Catalog { dialect: Dialect::Sqlite, server_version: rusqlite::version_number() as u32, ..Default::default() };
    cat.schemas.insert(SCHEMA.into(), Schema { name: SCHEMA.into(), comment: None });
    let mut parsed: BTreeMap<String, ParsedTable> = BTreeMap::new();
    let mut by_relation: BTreeMap<&str, Vec<&ColumnRow>> = BTreeMap::new();
    for c in &columns {
        by_relation.entry(&c.relation).or_default().push(c);
    }
    for o in &objects {
        let sql = o.sql.clone().unwrap_or_default();
        match (o.kind.as_str(), o.table_kind.as_str()) {
            ("table", "shadow") => {}
            ("table", "virtual") => {
                cat.unmodelled.insert(Unmodelled {
                    kind: "virtual table".into(),
                    schema: SCHEMA.into(),
                    name: o.name.clone(),
                    definition: canonical(&tokenize(&sql)),
                });
            }
            ("table", _) => {
                let p = parse_create_table(&sql);
                let cols = by_relation.get(o.name.as_str()).map(Vec::as_slice).unwrap_or(&[]);
                let table = table(o, &p, cols);
                cat.tables.insert(q(&o.name), table);
                parsed.insert(o.name.clone(), p);
            }
            ("view", _) => {
                let cols = by_relation.get(o.name.as_str()).map(Vec::as_slice).unwrap_or(&[]);
                cat.views.insert(
                    q(&o.name),
                    View {
                        name: q(&o.name),
                        materialized: false,
                        definition: canonical(&tokenize(&sql)),
                        options: vec![],
                        columns: cols.iter().map(|c| (c.name.clone(), c.data_type.clone())).collect(),
                        comment: None,
                    },
                );
            }
            ("index", _) if o.sql.is_some() => {
                cat.indexes.insert(
                    q(&o.name),
                    Index {
                        name: q(&o.name),
                        table: q(&o.table),
                        definition: canonical(&tokenize(&sql)),
                        comment: None,
                    },
                );
            }
            ("trigger", _) => {
                let t = Trigger {
                    table: q(&o.table),
                    name: o.name.clone(),
                    definition: canonical(&tokenize(&sql)),
                    enabled: TriggerState::Enabled,
                    comment: None,
                };
                cat.triggers.insert((q(&o.table), o.name.clone()), t);
            }
            _ => {}
        }
    }
    same_spelling_of_relations(&mut cat);
    constraints(&mut cat, &parsed);
    dependencies(&mut cat);
    cat
}

/// SQLite keeps an index's or trigger's table as its CREATE statement spelled it (`ON t5` for table `T5`):
/// the model names it as the table (or view) was created, so one relation has one name.
fn same_spelling_of_relations(cat: &mut Catalog) {
    let names: BTreeMap<String, QName> =
        cat.tables.keys().chain(cat.views.keys()).map(|q| (q.name.to_ascii_lowercase(), q.clone())).collect();
    let canonical = |q: &QName| names.get(&q.name.to_ascii_lowercase()).cloned().unwrap_or_else(|| q.clone());
    for i in cat.indexes.values_mut() {
        i.table = canonical(&i.table);
    }
    cat.triggers = std::mem::take(&mut cat.triggers)
        .into_values()
        .map(|mut t| {
            t.table = canonical(&t.table);
            ((t.table.clone(), t.name.clone()), t)
        })
        .collect();
}

fn table(o: &ObjectRow, p: &ParsedTable, cols: &[&ColumnRow]) -> Table {
    let columns = cols
        .iter()
        .filter(|c| c.hidden != 1)
        .map(|c| {
            let parsed = p.columns.iter().find(|pc| pc.name.eq_ignore_ascii_case(&c.name));
            Column {
                name: c.name.clone(),
                data_type: c.data_type.clone(),
                collation: parsed.and_then(|pc| pc.collate.as_ref()).map(|s| s.to_uppercase()),
                not_null: c.not_null,
                default: c.default.clone(),
                identity: None,
                generated: parsed.and_then(|pc| pc.generated.as_ref()).map(|g| g.0.clone()),
                generated_virtual: c.hidden == 2,
                origin: Default::default(),
                attributes: Default::default(),
                comment: None,
            }
        })
        .collect();
    Table {
        name: q(&o.name),
        unlogged: false,
        options: vec![],
        rls: false,
        force_rls: false,
        replica_identity: None,
        columns,
        constraints: BTreeMap::new(),
        comment: None,
        sqlite: Some(SqliteTable { strict: o.strict, without_rowid: o.without_rowid, autoincrement: p.autoincrement }),
        lineage: Default::default(),
        foreign: None,
        access_method: None,
    }
}

/// The bare column name at the start of an indexed-column text (`"a b" DESC` -> `a b`).
pub fn key_column(text: &str) -> String {
    tokenize(text).first().and_then(|t| t.name().map(str::to_string)).unwrap_or_default()
}

/// Name every constraint (as Postgres would name it when the SQL does not) and render its definition.
fn constraints(cat: &mut Catalog, parsed: &BTreeMap<String, ParsedTable>) {
    let pks: BTreeMap<String, Vec<String>> = parsed
        .iter()
        .filter_map(|(t, p)| {
            let pk = p.constraints.iter().find(|c| c.kind == ParsedKind::PrimaryKey)?;
            Some((t.to_lowercase(), pk.columns.iter().map(|c| ident(&key_column(c))).collect()))
        })
        .collect();
    for (tname, p) in parsed {
        let Some(table) = cat.tables.get_mut(&q(tname)) else { continue };
        let mut taken = BTreeSet::new();
        for c in &p.constraints {
            let key_cols: Vec<String> = c.columns.iter().map(|k| key_column(k)).collect();
            let (kind, base, definition) = match c.kind {
                ParsedKind::PrimaryKey => (
                    ConstraintKind::PrimaryKey,
                    format!("{tname}_pkey"),
                    format!("PRIMARY KEY ({})", c.columns.join(", ")),
                ),
                ParsedKind::Unique => (
                    ConstraintKind::Unique,
                    format!("{tname}_{}_key", key_cols.join("_")),
                    format!("UNIQUE ({})", c.columns.join(", ")),
                ),
                ParsedKind::Check => {
                    let definition = format!("CHECK ({})", c.body);
                    (ConstraintKind::Check, check_name(tname, &table.columns, &definition), definition)
                }
                ParsedKind::ForeignKey => {
                    let r = c.references.clone().unwrap_or_else(|| super::ddl::ForeignRef {
                        table: String::new(),
                        columns: vec![],
                        tail: String::new(),
                    });
                    let ref_cols = if r.columns.is_empty() {
                        pks.get(&r.table.to_lowercase()).cloned().unwrap_or_default()
                    } else {
                        r.columns.iter().map(|k| ident(&key_column(k))).collect()
                    };
                    let cols: Vec<String> = key_cols.iter().map(|k| ident(k)).collect();
                    let mut def = format!("FOREIGN KEY ({}) REFERENCES {}", cols.join(", "), ident(&r.table));
                    if !ref_cols.is_empty() {
                        def.push_str(&format!(" ({})", ref_cols.join(", ")));
                    }
                    if !r.tail.is_empty() {
                        def.push(' ');
                        def.push_str(&r.tail);
                    }
                    (ConstraintKind::ForeignKey, format!("{tname}_{}_fkey", key_cols.join("_")), def)
                }
            };
            let name = c.name.clone().unwrap_or_else(|| unique_name(&base, &taken));
            taken.insert(name.clone());
            table.constraints.insert(
                name.clone(),
                Constraint { name, kind, definition, validated: true, index_options: vec![], comment: None },
            );
        }
    }
}

/// The name Postgres gives an unnamed CHECK, wherever it is written (on a column or on the table):
/// `<table>_<column>_check` when the expression names exactly one column of the table, else
/// `<table>_check`.
pub fn check_name(table: &str, columns: &[Column], definition: &str) -> String {
    let mut named: BTreeSet<&str> = BTreeSet::new();
    for t in tokenize(definition) {
        if let Tok::Word(w) | Tok::Ident(w) = &t.tok {
            if let Some(c) = columns.iter().find(|c| c.name.eq_ignore_ascii_case(w)) {
                named.insert(&c.name);
            }
        }
    }
    match (named.len(), named.first()) {
        (1, Some(col)) => format!("{table}_{col}_check"),
        _ => format!("{table}_check"),
    }
}

/// Whether `name` is what naming an unnamed constraint `base` gives (`base`, `base1`, `base2`, ...).
pub fn is_generated_name(name: &str, base: &str) -> bool {
    name.strip_prefix(base).is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
}

/// `base`, or `base1`, `base2`, ... when taken (Postgres's scheme for generated names).
pub fn unique_name(base: &str, taken: &BTreeSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (1..).map(|n| format!("{base}{n}")).find(|n| !taken.contains(n)).unwrap_or_default()
}

/// Edges for ordering: foreign keys (table -> referenced table), and views, triggers and indexes on the
/// relations their SQL names.
fn dependencies(cat: &mut Catalog) {
    let relations: BTreeMap<String, ObjectId> = cat
        .tables
        .keys()
        .map(|k| (k.name.to_lowercase(), ObjectId::of(Kind::Table, k)))
        .chain(cat.views.keys().map(|k| (k.name.to_lowercase(), ObjectId::of(Kind::View, k))))
        .collect();
    let named_in = |sql: &str| -> BTreeSet<ObjectId> {
        tokenize(sql)
            .iter()
            .filter(|t| matches!(t.tok, Tok::Word(_) | Tok::Ident(_)))
            .filter_map(|t| relations.get(&t.name().unwrap_or_default().to_lowercase()).cloned())
            .collect()
    };
    let mut edges = BTreeSet::new();
    for (k, t) in &cat.tables {
        let me = ObjectId::of(Kind::Table, k);
        for c in t.constraints.values().filter(|c| c.kind == ConstraintKind::ForeignKey) {
            let after = c.definition.split(" REFERENCES ").nth(1).unwrap_or("");
            for r in named_in(after).into_iter().take(1) {
                if r != me {
                    edges.insert((me.clone(), r));
                }
            }
        }
    }
    for (k, v) in &cat.views {
        let me = ObjectId::of(Kind::View, k);
        let body = v.definition.split_once(" AS ").map_or("", |x| x.1);
        for r in named_in(body) {
            if r != me {
                edges.insert((me.clone(), r));
            }
        }
    }
    for ((table, name), t) in &cat.triggers {
        let me = ObjectId::new(Kind::Trigger, &table.schema, &table.name, name);
        for r in named_in(&t.definition) {
            edges.insert((me.clone(), r));
        }
    }
    cat.depends = edges;
}
