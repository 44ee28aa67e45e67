//! Randomized convergence for SQLite (in memory, so thousands of pairs are cheap): random tables with
//! rows, foreign keys with ON DELETE CASCADE, indexes, views and triggers; random mutations; the property
//! that the script makes A equal to B with rows of kept tables intact and foreign keys holding, and back.
//! `PGDRIFT_RANDOM_PAIRS` (default 300) pairs from `PGDRIFT_RANDOM_SEED` (default 1).

use pgdrift::cross::{plan_catalogs, CrossOptions, Planned};
use pgdrift::emit::Options;
use pgdrift::model::Catalog;
use rusqlite::Connection;
use std::fmt::Write;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: usize) -> bool {
        self.below(100) < p
    }
}

const TYPES: [&str; 6] = ["INTEGER", "TEXT", "REAL", "NUMERIC", "BLOB", "VARCHAR(20)"];

#[derive(Clone, Debug)]
struct Col {
    name: String,
    ty: usize,
    not_null: bool,
    default: bool,
    check: bool,
    unique: bool,
}

#[derive(Clone, Debug)]
struct Table {
    name: String,
    cols: Vec<Col>,
    /// Column referencing the parent's id.
    fk: Option<String>,
    index: Option<usize>,
    trigger: bool,
    strict: bool,
    autoincrement: bool,
}

#[derive(Clone, Debug, Default)]
struct Spec {
    tables: Vec<Table>,
    views: Vec<(String, String)>,
    next: usize,
    /// How the same schema is written (B gets a style of its own: spellings are no difference).
    style: Style,
}

/// Equivalent spellings of one schema.
#[derive(Clone, Copy, Debug, Default)]
struct Style {
    /// CHECK and UNIQUE written as table constraints instead of on the column.
    table_level: bool,
    /// Declared types in lower case.
    lower_types: bool,
    /// Table names in upper case (SQLite compares names without regard to case).
    upper_tables: bool,
    /// `REFERENCES parent` without `(id)`.
    bare_refs: bool,
}

impl Style {
    fn random(rng: &mut Rng) -> Style {
        Style {
            table_level: rng.chance(50),
            lower_types: rng.chance(50),
            upper_tables: rng.chance(30),
            bare_refs: rng.chance(50),
        }
    }
}

impl Spec {
    fn fresh(&mut self, p: &str) -> String {
        self.next += 1;
        if self.next.is_multiple_of(9) {
            format!("{p} {}", self.next)
        } else {
            format!("{p}{}", self.next)
        }
    }
    fn col(&mut self, rng: &mut Rng) -> Col {
        let ty = rng.below(TYPES.len());
        Col {
            name: self.fresh("c"),
            ty,
            not_null: rng.chance(30),
            default: rng.chance(40),
            check: ty == 0 && rng.chance(30),
            unique: rng.chance(15),
        }
    }
    fn table(&mut self, rng: &mut Rng) -> Table {
        let name = self.fresh("t");
        let cols = (0..1 + rng.below(4)).map(|_| self.col(rng)).collect();
        let fk = (!self.tables.is_empty() && rng.chance(50)).then(|| self.fresh("parent"));
        Table {
            name,
            cols,
            fk,
            index: None,
            trigger: rng.chance(20),
            strict: rng.chance(20),
            autoincrement: rng.chance(20),
        }
    }
    fn sql(&self) -> String {
        let q = |n: &str| format!("\"{}\"", n.replace('"', "\"\""));
        let st = self.style;
        let table = |n: &str| if st.upper_tables { q(&n.to_uppercase()) } else { q(n) };
        let mut out = String::new();
        for (ti, t) in self.tables.iter().enumerate() {
            let pk = if t.autoincrement { "id INTEGER PRIMARY KEY AUTOINCREMENT" } else { "id INTEGER PRIMARY KEY" };
            let mut lines = vec![pk.to_string()];
            let mut table_constraints = Vec::new();
            for c in &t.cols {
                let ty = if t.strict && c.ty >= 3 { "ANY" } else { TYPES[c.ty] };
                let ty = if st.lower_types { ty.to_lowercase() } else { ty.to_string() };
                let mut l = format!("{} {ty}", q(&c.name));
                if c.not_null {
                    l.push_str(" NOT NULL");
                }
                if c.default || c.not_null {
                    l.push_str(" DEFAULT 1");
                }
                let check = format!("CHECK ({} >= 0)", q(&c.name));
                match (c.check, st.table_level) {
                    (true, false) => l.push_str(&format!(" {check}")),
                    (true, true) => table_constraints.push(check),
                    (false, _) => {}
                }
                match (c.unique, st.table_level) {
                    (true, false) => l.push_str(" UNIQUE"),
                    (true, true) => table_constraints.push(format!("UNIQUE ({})", q(&c.name))),
                    (false, _) => {}
                }
                lines.push(l);
            }
            if let (Some(fk), Some(parent)) = (&t.fk, ti.checked_sub(1).and_then(|p| self.tables.get(p))) {
                let cols = if st.bare_refs { "" } else { " (id)" };
                lines.push(format!("{} INTEGER REFERENCES {}{cols} ON DELETE CASCADE", q(fk), table(&parent.name)));
            }
            lines.extend(table_constraints);
            let strict = if t.strict { " STRICT" } else { "" };
            let _ = writeln!(out, "CREATE TABLE {} (\n  {}\n){strict};", table(&t.name), lines.join(",\n  "));
            if let Some(i) = t.index.filter(|i| *i < t.cols.len()) {
                let _ = writeln!(
                    out,
                    "CREATE INDEX {} ON {} ({});",
                    q(&format!("{}_i", t.name)),
                    q(&t.name),
                    q(&t.cols[i].name)
                );
            }
            if t.trigger {
                let _ = writeln!(
                    out,
                    "CREATE TRIGGER {} AFTER UPDATE ON {} BEGIN SELECT 1; END;",
                    q(&format!("{}_tr", t.name)),
                    q(&t.name)
                );
            }
        }
        for (v, t) in &self.views {
            let _ = writeln!(out, "CREATE VIEW {} AS SELECT id FROM {};", q(v), q(t));
        }
        out
    }
    fn data(&self) -> String {
        let mut out = String::new();
        for (ti, t) in self.tables.iter().enumerate() {
            let has_fk = t.fk.is_some() && ti > 0;
            for r in 1..=3 {
                let mut names = vec!["id".to_string()];
                let mut vals = vec![r.to_string()];
                for c in &t.cols {
                    names.push(format!("\"{}\"", c.name.replace('"', "\"\"")));
                    vals.push(r.to_string());
                }
                if let (true, Some(fk)) = (has_fk, &t.fk) {
                    names.push(format!("\"{}\"", fk.replace('"', "\"\"")));
                    vals.push(r.to_string());
                }
                let _ = writeln!(
                    out,
                    "INSERT INTO \"{}\" ({}) VALUES ({});",
                    t.name.replace('"', "\"\""),
                    names.join(", "),
                    vals.join(", ")
                );
            }
        }
        out
    }
}

fn random(rng: &mut Rng) -> Spec {
    let mut s = Spec { style: Style::random(rng), ..Spec::default() };
    for _ in 0..1 + rng.below(4) {
        let t = s.table(rng);
        s.tables.push(t);
    }
    s
}

fn mutate(s: &mut Spec, rng: &mut Rng) {
    let n = s.tables.len();
    let ti = rng.below(n);
    match rng.below(13) {
        0 => {
            let t = s.table(rng);
            s.tables.push(t);
        }
        1 if n > 1 && ti == n - 1 => {
            let gone = s.tables.pop().map(|t| t.name).unwrap_or_default();
            s.views.retain(|(_, t)| *t != gone);
        }
        2 | 3 => {
            let mut c = s.col(rng);
            c.unique = false;
            if let Some(t) = s.tables.get_mut(ti) {
                t.cols.push(c);
            }
        }
        4 if s.tables.get(ti).is_some_and(|t| !t.cols.is_empty()) => {
            let t = &mut s.tables[ti];
            let ci = rng.below(t.cols.len());
            t.cols.remove(ci);
            t.index = None;
        }
        5 => {
            if let Some(c) = s.tables.get_mut(ti).and_then(|t| t.cols.first_mut()) {
                c.ty = (c.ty + 1) % TYPES.len();
                c.check = false;
            }
        }
        6 => {
            if let Some(c) = s.tables.get_mut(ti).and_then(|t| t.cols.last_mut()) {
                c.not_null = !c.not_null;
            }
        }
        7 => {
            if let Some(c) = s.tables.get_mut(ti).and_then(|t| t.cols.last_mut()) {
                c.default = !c.default;
                c.check = c.ty == 0 && !c.check;
            }
        }
        8 => {
            if let Some(t) = s.tables.get_mut(ti) {
                t.index = if t.index.is_some() || t.cols.is_empty() { None } else { Some(0) };
            }
        }
        9 => {
            if let Some(t) = s.tables.get_mut(ti) {
                t.trigger = !t.trigger;
            }
        }
        10 => {
            if let Some(t) = s.tables.get_mut(ti) {
                t.strict = !t.strict;
                t.autoincrement = !t.autoincrement;
            }
        }
        11 if n > 0 => {
            if !s.views.is_empty() && rng.chance(50) {
                s.views.pop();
            } else {
                let v = s.fresh("v");
                let t = s.tables[ti].name.clone();
                s.views.push((v, t));
            }
        }
        12 => {
            if let Some(c) = s.tables.get_mut(ti).and_then(|t| t.cols.first_mut()) {
                c.unique = !c.unique;
            }
        }
        _ => {}
    }
}

fn catalog(c: &Connection) -> Result<Catalog, String> {
    pgdrift::sqlite::inspect::inspect(c).map_err(|e| e.to_string())
}

fn script(from: &Catalog, to: &Catalog) -> Result<(usize, String), String> {
    let cmp = plan_catalogs(from.clone(), to.clone(), &CrossOptions::default()).map_err(|e| e.to_string())?;
    let Planned::Sqlite(p) = cmp.planned else { return Err("not a SQLite plan".into()) };
    let opts = Options { unsafe_ok: true, ..Options::default() };
    Ok((p.steps.len(), pgdrift::sqlite::emit::script(&p, &opts).text))
}

fn ids(c: &Connection, tables: &[String]) -> Vec<String> {
    tables
        .iter()
        .map(|t| {
            let q = format!("SELECT group_concat(id) FROM (SELECT id FROM \"{}\" ORDER BY id)", t.replace('"', "\"\""));
            c.query_row(&q, [], |r| r.get::<_, Option<String>>(0)).ok().flatten().unwrap_or_default()
        })
        .collect()
}

/// The property for one pair; returns the number of steps A -> B took.
fn check(a: &Spec, b: &Spec) -> Result<usize, String> {
    let (a_sql, b_sql) = (a.sql(), b.sql());
    let da = Connection::open_in_memory().map_err(|e| e.to_string())?;
    da.execute_batch(&format!("PRAGMA foreign_keys = ON;\n{a_sql}{}", a.data()))
        .map_err(|e| format!("A: {e}\n{a_sql}"))?;
    let db = Connection::open_in_memory().map_err(|e| e.to_string())?;
    db.execute_batch(&b_sql).map_err(|e| format!("B: {e}\n{b_sql}"))?;
    let (ca, cb) = (catalog(&da)?, catalog(&db)?);
    let kept: Vec<String> =
        a.tables.iter().filter(|t| b.tables.iter().any(|u| u.name == t.name)).map(|t| t.name.clone()).collect();
    let before = ids(&da, &kept);
    let (steps, fwd) = script(&ca, &cb)?;
    da.execute_batch(&fwd).map_err(|e| format!("A -> B failed: {e}\n{a_sql}\n--\n{b_sql}\n--\n{fwd}"))?;
    let (left, text) = script(&catalog(&da)?, &cb)?;
    if left > 0 {
        return Err(format!("A -> B not converged:\n{fwd}\n-- still:\n{text}"));
    }
    if ids(&da, &kept) != before {
        return Err(format!("rows lost in A -> B:\n{fwd}"));
    }
    let (_, back) = script(&cb, &ca)?;
    db.execute_batch(&back).map_err(|e| format!("B -> A failed: {e}\n{back}"))?;
    let (left, text) = script(&catalog(&db)?, &ca)?;
    if left > 0 {
        return Err(format!("B -> A not converged:\n{back}\n-- still:\n{text}"));
    }
    Ok(steps)
}

#[test]
fn random_sqlite_pairs_converge() {
    let seed: u64 = std::env::var("PGDRIFT_RANDOM_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    let pairs: u64 = std::env::var("PGDRIFT_RANDOM_PAIRS").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    let mut failures = Vec::new();
    let (mut changed, mut steps) = (0, 0);
    for s in seed..seed + pairs {
        let mut rng = Rng(s.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let a = random(&mut rng);
        let mut b = a.clone();
        for _ in 0..1 + rng.below(5) {
            mutate(&mut b, &mut rng);
        }
        b.style = Style::random(&mut rng);
        match check(&a, &b) {
            Ok(n) => {
                changed += usize::from(n > 0);
                steps += n;
            }
            Err(e) => failures.push(format!("seed {s}: {e}")),
        }
    }
    eprintln!(
        "random SQLite convergence: {pairs} pairs from seed {seed}, {changed} with changes ({steps} steps), {} failed",
        failures.len()
    );
    assert!(failures.is_empty(), "{} of {pairs} failed; first:\n{}", failures.len(), failures[0]);
    assert!(changed as u64 * 2 > pairs, "most pairs must differ, or the test proves little");
}
