//! Cross-dialect mapping: a catalog of one dialect re-expressed in the other, relative to the database
//! it will be compared with. What is equal under the mapping takes FROM's spelling (so it is no
//! difference); what the target dialect cannot express is kept as FROM has it and listed as a note.

pub use super::expr::pg_ident;
use super::expr::{
    any_array_to_in, constraint_key, expr_key, fk_parts, list, paren_names, same_default, without_casts,
};
use super::inspect::SCHEMA as MAIN;
use super::lexer::{canonical, ident as sqlite_ident, tokenize, tokenize_pg, Token};
pub use super::to_sqlite::pg_to_sqlite;
use super::types::{self, Class};
use crate::model::*;
use std::collections::BTreeSet;

/// Options of a cross-dialect comparison.
#[derive(Clone, Debug, Default)]
pub struct CrossOptions {
    /// Count objects SQLite cannot express (enums, functions, policies...) as differences.
    pub strict_types: bool,
    /// Type mapping overrides: (SQLite declared type, Postgres type), checked before the built-in table.
    pub overrides: Vec<(String, String)>,
}

/// What the mapping could not carry across (never silently dropped).
#[derive(Clone, Debug, Default)]
pub struct Notes {
    pub lines: Vec<String>,
}

impl Notes {
    pub(super) fn add(&mut self, s: String) {
        if !self.lines.contains(&s) {
            self.lines.push(s);
        }
    }
}

pub(super) const PUBLIC: &str = "public";

/// A constraint definition written for the target dialect (`pg`: Postgres, else SQLite).
fn translate_constraint(c: &Constraint, pg: bool, notes: &mut Notes, table: &str) -> Option<String> {
    let toks = tokenize(&c.definition);
    let q: fn(&str) -> String = if pg { pg_ident } else { sqlite_ident };
    let cols = |toks: &[Token]| paren_names(toks, 0).0;
    Some(match c.kind {
        ConstraintKind::PrimaryKey => format!("PRIMARY KEY ({})", list(&cols(&toks), q)),
        ConstraintKind::Unique => format!("UNIQUE ({})", list(&cols(&toks), q)),
        ConstraintKind::ForeignKey => {
            let fk = fk_parts(&toks)?;
            let target = if pg { format!("{PUBLIC}.{}", pg_ident(&fk.table)) } else { sqlite_ident(&fk.table) };
            let refs =
                if fk.ref_columns.is_empty() { String::new() } else { format!(" ({})", list(&fk.ref_columns, q)) };
            let tail = if fk.tail.is_empty() { String::new() } else { format!(" {}", fk.tail) };
            format!("FOREIGN KEY ({}) REFERENCES {target}{refs}{tail}", list(&fk.columns, q))
        }
        ConstraintKind::Check => {
            let body = c.definition.trim().strip_prefix("CHECK").unwrap_or(&c.definition).trim();
            let expr = canonical(&any_array_to_in(&without_casts(&tokenize_pg(body))));
            notes.add(format!("check constraint {table}.{} copied as written: review its expression", c.name));
            format!("CHECK {expr}")
        }
        ConstraintKind::Exclusion => {
            notes.add(format!("exclusion constraint {table}.{} cannot be expressed in SQLite", c.name));
            return None;
        }
    })
}

/// Map constraints of `to_t` for a table of the other dialect, preferring FROM's spelling where equal.
pub(super) fn map_constraints(from_t: Option<&Table>, to_t: &Table, pg: bool, notes: &mut Notes) -> Vec<Constraint> {
    let mut out = Vec::new();
    for c in to_t.constraints.values() {
        let key = constraint_key(c);
        let same =
            from_t.and_then(|f| f.constraints.values().find(|fc| fc.kind == c.kind && constraint_key(fc) == key));
        if let Some(fc) = same {
            out.push(fc.clone());
        } else if let Some(definition) = translate_constraint(c, pg, notes, &to_t.name.name) {
            out.push(Constraint { definition, index_options: vec![], comment: None, validated: true, ..c.clone() });
        }
    }
    out
}

/// The single INTEGER primary key column of a SQLite table (a rowid alias), if any.
fn rowid_alias(t: &Table) -> Option<&Column> {
    let pk = t.constraints.values().find(|c| c.kind == ConstraintKind::PrimaryKey)?;
    let cols = paren_names(&tokenize(&pk.definition), 0).0;
    let [col] = cols.as_slice() else { return None };
    let c = t.columns.iter().find(|c| c.name.eq_ignore_ascii_case(col))?;
    (c.data_type.eq_ignore_ascii_case("INTEGER") && !t.sqlite.is_some_and(|s| s.without_rowid)).then_some(c)
}

pub(super) fn pk_columns(t: &Table) -> BTreeSet<String> {
    t.constraints
        .values()
        .filter(|c| c.kind == ConstraintKind::PrimaryKey)
        .flat_map(|c| paren_names(&tokenize(&c.definition), 0).0)
        .collect()
}

/// The SQLite side (`to`) re-expressed as Postgres, relative to the Postgres database `from`.
pub fn sqlite_to_pg(from: &Catalog, to: &Catalog, opts: &CrossOptions, notes: &mut Notes) -> Catalog {
    let mut out = Catalog { server_version: from.server_version, ..Catalog::empty() };
    for (q, t) in &to.tables {
        let pq = QName::new(PUBLIC, &q.name);
        let f = from.tables.get(&pq);
        let alias = rowid_alias(t).map(|c| c.name.clone());
        let pks = pk_columns(t);
        let columns = t
            .columns
            .iter()
            .map(|c| {
                let fc = f.and_then(|f| f.column(&c.name));
                column_to_pg(
                    c,
                    fc,
                    from,
                    opts,
                    notes,
                    alias.as_deref() == Some(&c.name),
                    pks.contains(&c.name.to_lowercase()),
                    &q.name,
                )
            })
            .collect();
        let constraints = map_constraints(f, t, true, notes).into_iter().map(|c| (c.name.clone(), c)).collect();
        let base = f.cloned().unwrap_or(Table {
            name: pq.clone(),
            unlogged: false,
            options: vec![],
            rls: false,
            force_rls: false,
            replica_identity: None,
            columns: vec![],
            constraints: Default::default(),
            comment: None,
            sqlite: None,
            lineage: Default::default(),
            foreign: None,
            access_method: None,
        });
        out.tables.insert(pq, Table { columns, constraints, sqlite: None, ..base });
    }
    map_indexes(from, to, &mut out, true, notes);
    for v in to.views.keys() {
        notes.add(format!("SQLite view {} is not translated to Postgres (its SQL is SQLite's)", v.name));
    }
    for (t, name) in to.triggers.keys() {
        notes.add(format!("SQLite trigger {name} on {} is not translated to Postgres", t.name));
    }
    keep_inexpressible(from, &mut out, opts, notes, "SQLite");
    // SQLite has no privileges: Postgres keeps the ones it has on what remains.
    out.grants = from.grants.iter().filter(|g| out.contains(&g.on)).cloned().collect();
    out.grants_known = from.grants_known;
    out.default_privileges = from.default_privileges.clone();
    out.publications = from.publications.clone();
    fk_edges(&mut out);
    out
}

#[allow(clippy::too_many_arguments)]
fn column_to_pg(
    c: &Column,
    fc: Option<&Column>,
    from: &Catalog,
    opts: &CrossOptions,
    notes: &mut Notes,
    rowid: bool,
    in_pk: bool,
    table: &str,
) -> Column {
    let over = opts.overrides.iter().find(|(s, _)| s.eq_ignore_ascii_case(&c.data_type)).map(|(_, p)| p.clone());
    let class = types::of_sqlite(&c.data_type);
    let equal_type = fc.is_some_and(|fc| {
        let is_enum = from.enums.keys().any(|e| {
            fc.data_type == e.sql() || fc.data_type == format!("{}.{}", pg_ident(&e.schema), pg_ident(&e.name))
        });
        match &over {
            Some(p) => fc.data_type == *p,
            None if opts.strict_types => fc.data_type == types::pg_type(class),
            None => types::equivalent(&c.data_type, types::of_pg(&fc.data_type, is_enum)),
        }
    });
    let data_type = match fc {
        Some(fc) if equal_type => fc.data_type.clone(),
        _ => over.unwrap_or_else(|| types::pg_type(class).to_string()),
    };
    let serial =
        |fc: &Column| fc.identity.is_some() || fc.default.as_deref().is_some_and(|d| d.starts_with("nextval("));
    let (default, identity) = match fc {
        Some(fc) if same_default(fc.default.as_deref(), c.default.as_deref()) => {
            (fc.default.clone(), fc.identity.clone())
        }
        Some(fc) if rowid && serial(fc) => (fc.default.clone(), fc.identity.clone()),
        _ if rowid => (None, Some(default_identity())),
        _ => (pg_default(c.default.as_deref(), class, notes, table, &c.name), None),
    };
    let generated = match (fc, &c.generated) {
        (Some(fc), Some(g)) if fc.generated.as_deref().map(expr_key) == Some(expr_key(g)) => fc.generated.clone(),
        (_, Some(g)) => {
            if c.generated_virtual {
                notes.add(format!("generated column {table}.{} is VIRTUAL in SQLite, STORED in Postgres", c.name));
            }
            Some(g.clone())
        }
        _ => None,
    };
    if c.collation.is_some() && fc.is_none_or(|f| f.collation.is_none()) {
        notes.add(format!(
            "collation {} of {table}.{} is not carried to Postgres",
            c.collation.as_deref().unwrap_or(""),
            c.name
        ));
    }
    Column {
        name: c.name.clone(),
        data_type,
        collation: fc.and_then(|f| f.collation.clone()),
        not_null: c.not_null || in_pk || rowid,
        default: if generated.is_some() { None } else { default },
        identity: if generated.is_some() { None } else { identity },
        generated,
        generated_virtual: false,
        origin: Default::default(),
        comment: fc.and_then(|f| f.comment.clone()),
        // Physical settings SQLite has no words for: kept as FROM has them.
        attributes: fc.map(|f| f.attributes.clone()).unwrap_or_default(),
    }
}

fn default_identity() -> Identity {
    Identity {
        kind: IdentityKind::ByDefault,
        options: SeqOptions { start: 1, increment: 1, min: 1, max: i64::MAX, cache: 1, cycle: false },
        sequence: None,
    }
}

/// A SQLite default as Postgres SQL, when it is a literal or a current date/time; otherwise noted.
fn pg_default(d: Option<&str>, class: Class, notes: &mut Notes, table: &str, col: &str) -> Option<String> {
    let d = d?;
    let u = d.to_uppercase();
    if class == Class::Boolean && (d == "0" || d == "1") {
        return Some(if d == "1" { "true" } else { "false" }.into());
    }
    if u.starts_with("CURRENT_") || super::emit::is_literal(d) {
        return Some(d.to_string());
    }
    if u.replace(' ', "") == "DATETIME('NOW')" {
        return Some("CURRENT_TIMESTAMP".into());
    }
    notes.add(format!("default ({d}) of {table}.{col} is SQLite SQL: not carried to Postgres"));
    None
}

/// Objects only Postgres has are kept as FROM has them (unless --strict-types) and listed.
fn keep_inexpressible(from: &Catalog, out: &mut Catalog, opts: &CrossOptions, notes: &mut Notes, other: &str) {
    let mut kinds: Vec<String> = Vec::new();
    let mut count = |what: &str, n: usize| {
        if n > 0 {
            kinds.push(format!("{n} {what}"));
        }
    };
    count("enum(s)", from.enums.len());
    count("domain(s)", from.domains.len());
    count("composite type(s)", from.composites.len());
    count("function(s)", from.functions.len());
    count("policy(ies)", from.policies.len());
    count("extension(s)", from.extensions.len());
    count("view(s)", from.views.len());
    count("trigger(s)", from.triggers.len());
    let other_tables = from.tables.keys().filter(|q| q.schema != PUBLIC).count();
    count("table(s) outside public", other_tables);
    let free_sequences = from.sequences.values().filter(|s| s.owned_by.is_none()).count();
    count("sequence(s)", free_sequences);
    // Sequences behind serial columns stay with their columns; others are Postgres-only objects.
    for (k, s) in &from.sequences {
        let owner_kept =
            s.owned_by.as_ref().is_some_and(|(t, c)| out.tables.get(t).is_some_and(|t| t.column(c).is_some()));
        if owner_kept || (s.owned_by.is_none() && !opts.strict_types) {
            out.sequences.insert(k.clone(), s.clone());
        }
    }
    if kinds.is_empty() {
        copy_depends(from, out);
        return;
    }
    if opts.strict_types {
        notes.add(format!("--strict-types: Postgres-only objects ({}) count as differences", kinds.join(", ")));
        return;
    }
    notes.add(format!("{other} cannot express {}: left as they are, not counted as drift", kinds.join(", ")));
    out.schemas = from.schemas.clone();
    out.extensions = from.extensions.clone();
    out.enums = from.enums.clone();
    out.domains = from.domains.clone();
    out.composites = from.composites.clone();
    out.functions = from.functions.clone();
    out.views = from.views.clone();
    out.triggers = from.triggers.clone();
    for (k, p) in &from.policies {
        if out.tables.contains_key(&k.0) {
            out.policies.insert(k.clone(), p.clone());
        }
    }
    for (k, t) in &from.tables {
        if k.schema != PUBLIC {
            out.tables.insert(k.clone(), t.clone());
        } else if let Some(o) = out.tables.get_mut(k) {
            o.rls = t.rls;
            o.force_rls = t.force_rls;
        }
    }
    for i in from.indexes.values().filter(|i| i.table.schema != PUBLIC || from.views.contains_key(&i.table)) {
        out.indexes.insert(i.name.clone(), i.clone());
    }
    copy_depends(from, out);
}

/// FROM's dependencies among the objects the mapped catalog holds.
fn copy_depends(from: &Catalog, out: &mut Catalog) {
    let deps: Vec<(ObjectId, ObjectId)> =
        from.depends.iter().filter(|(a, b)| out.contains(a) && out.contains(b)).cloned().collect();
    out.depends.extend(deps);
}

/// Edges a Postgres plan needs among mapped tables: a foreign key after the referenced table's keys.
fn fk_edges(out: &mut Catalog) {
    let mut edges = Vec::new();
    for (q, t) in &out.tables {
        for c in t.constraints.values().filter(|c| c.kind == ConstraintKind::ForeignKey) {
            let Some(fk) = fk_parts(&tokenize(&c.definition)) else { continue };
            let me = ObjectId::new(Kind::Constraint, &q.schema, &q.name, &c.name);
            let Some((rq, rt)) =
                out.tables.iter().find(|(rq, _)| rq.schema == q.schema && rq.name.to_lowercase() == fk.table)
            else {
                continue;
            };
            edges.push((me.clone(), ObjectId::of(Kind::Table, rq)));
            for k in rt
                .constraints
                .values()
                .filter(|k| matches!(k.kind, ConstraintKind::PrimaryKey | ConstraintKind::Unique))
            {
                edges.push((me.clone(), ObjectId::new(Kind::Constraint, &rq.schema, &rq.name, &k.name)));
            }
        }
    }
    out.depends.extend(edges);
}

/// A simple index: plain columns (optional UNIQUE/DESC), no expression, and an optional predicate.
#[derive(Clone, Debug, PartialEq)]
struct SimpleIndex {
    unique: bool,
    table: String,
    cols: Vec<String>,
    /// The partial index's `WHERE` predicate as written.
    predicate: Option<String>,
}

impl SimpleIndex {
    /// Equal keys are one index in either dialect (predicates compared by meaning: casts, parentheses).
    fn key(&self) -> (bool, &str, &[String], Option<String>) {
        (self.unique, &self.table, &self.cols, self.predicate.as_deref().map(expr_key))
    }
}

fn simple_index(def: &str) -> Option<SimpleIndex> {
    let toks = tokenize(def);
    let unique = toks.get(1).is_some_and(|t| t.is("UNIQUE"));
    let on = toks.iter().position(|t| t.is("ON"))?;
    let mut i = on + 1;
    let mut table = toks.get(i)?.name()?.to_lowercase();
    if toks.get(i + 1).is_some_and(|t| t.is_op(".")) {
        table = toks.get(i + 2)?.name()?.to_lowercase();
        i += 2;
    }
    let rest = &toks[i + 1..];
    let open = rest.iter().position(|t| t.is_op("("))?;
    if rest[..open].iter().any(|t| !(t.is("USING") || t.is("btree"))) {
        return None;
    }
    let (cols, after) = paren_names(rest, open);
    let simple = cols.iter().all(|c| {
        let w: Vec<&str> = c.split(' ').collect();
        w.len() == 1 || (w.len() == 2 && w[1] == "desc")
    });
    let predicate = match rest.get(after) {
        None => None,
        Some(w) if w.is("WHERE") && after + 1 < rest.len() => Some(def[w.end..].trim().to_string()),
        Some(_) => return None,
    };
    simple.then_some(SimpleIndex { unique, table, cols, predicate })
}

pub(super) fn map_indexes(from: &Catalog, to: &Catalog, out: &mut Catalog, pg: bool, notes: &mut Notes) {
    let schema = if pg { PUBLIC } else { MAIN };
    for (q, i) in &to.indexes {
        if !(i.table.schema == PUBLIC || i.table.schema == MAIN) || to.views.contains_key(&i.table) {
            continue;
        }
        let name = QName::new(schema, &q.name);
        let table = QName::new(schema, &i.table.name);
        let Some(simple) = simple_index(&i.definition) else {
            notes.add(format!("index {} is not a plain column index: not translated", q.name));
            if let Some(f) = from.indexes.get(&name) {
                out.indexes.insert(name, f.clone());
            }
            continue;
        };
        let same = |f: &&Index| simple_index(&f.definition).is_some_and(|k| k.key() == simple.key());
        if let Some(f) = from.indexes.get(&name).filter(same) {
            out.indexes.insert(name, f.clone());
            continue;
        }
        let SimpleIndex { unique, cols, predicate, .. } = simple;
        let u = if unique { "UNIQUE " } else { "" };
        let cols: Vec<String> = cols
            .iter()
            .map(|c| {
                let (n, desc) = c.split_once(' ').map_or((c.as_str(), ""), |(n, d)| (n, d));
                let n = if pg { pg_ident(n) } else { sqlite_ident(n) };
                if desc.is_empty() {
                    n
                } else {
                    format!("{n} DESC")
                }
            })
            .collect();
        let mut definition = if pg {
            format!(
                "CREATE {u}INDEX {} ON {PUBLIC}.{} USING btree ({})",
                pg_ident(&q.name),
                pg_ident(&table.name),
                cols.join(", ")
            )
        } else {
            format!("CREATE {u}INDEX {} ON {} ({})", sqlite_ident(&q.name), sqlite_ident(&table.name), cols.join(", "))
        };
        if let Some(p) = predicate {
            // Postgres's casts and `= ANY (ARRAY[..])` have no SQLite spelling; the rest reads the same.
            let p = if pg { p } else { canonical(&any_array_to_in(&without_casts(&tokenize_pg(&p)))) };
            notes.add(format!("partial index {} copied with its predicate as written: review it", q.name));
            definition.push_str(&format!(" WHERE {p}"));
        }
        out.indexes.insert(name.clone(), Index { name, table, definition, comment: None });
    }
}
