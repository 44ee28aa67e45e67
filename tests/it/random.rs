//! Randomized convergence against a real PostgreSQL: random valid schemas with rows, random mutations of
//! them, and the property that `pgdrift --unsafe A B` applied to A makes A equal to B (a second diff is
//! empty), that the reverse holds, and that rows of tables both sides keep survive. A failing pair is
//! shrunk (mutations removed one at a time while it still fails) and saved under tests/fixtures/found/.
//!
//! CI runs a fixed-seed batch (`PGDRIFT_RANDOM_PAIRS`, default 24); `cargo test --release -- --ignored
//! random_long` runs `PGDRIFT_RANDOM_PAIRS` (default 2000) pairs from `PGDRIFT_RANDOM_SEED`.

use crate::harness::TestDb;
use pgdrift::emit::{self, Options};
use pgdrift::inspect::Filter;
use std::fmt::Write;

/// xorshift64*: small, seedable, no dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Ty {
    Int,
    BigInt,
    Text,
    Varchar(u32),
    Numeric(u32, u32),
    Bool,
    Date,
    Timestamptz,
    Jsonb,
    Enum(usize),
}

impl Ty {
    fn sql(&self) -> String {
        match self {
            Ty::Int => "integer".into(),
            Ty::BigInt => "bigint".into(),
            Ty::Text => "text".into(),
            Ty::Varchar(n) => format!("varchar({n})"),
            Ty::Numeric(p, s) => format!("numeric({p},{s})"),
            Ty::Bool => "boolean".into(),
            Ty::Date => "date".into(),
            Ty::Timestamptz => "timestamptz".into(),
            Ty::Jsonb => "jsonb".into(),
            Ty::Enum(i) => format!("\"Mood {i}\""),
        }
    }
    /// A value of row `r` (1-based): positive, distinct per row, valid for every constraint we generate.
    fn value(&self, r: usize, enums: &[Vec<String>]) -> String {
        match self {
            Ty::Int | Ty::BigInt => r.to_string(),
            Ty::Text | Ty::Varchar(_) => format!("'r{r}'"),
            Ty::Numeric(..) => format!("{r}.5"),
            Ty::Bool => "true".into(),
            Ty::Date => format!("'2024-01-0{r}'"),
            Ty::Timestamptz => format!("'2024-01-0{r} 10:00:00+00'"),
            Ty::Jsonb => format!("'{{\"k\": {r}}}'"),
            Ty::Enum(i) => format!("'{}'", enums[*i][0].replace('\'', "''")),
        }
    }
    fn is_int(&self) -> bool {
        matches!(self, Ty::Int | Ty::BigInt)
    }
}

#[derive(Clone, Debug)]
struct Col {
    name: String,
    ty: Ty,
    not_null: bool,
    default: bool,
    comment: Option<String>,
}

#[derive(Clone, Debug)]
struct Table {
    name: String,
    cols: Vec<Col>,
    /// Constraint name, column.
    uniques: Vec<(String, String)>,
    checks: Vec<(String, String)>,
    /// Column, referenced table.
    fks: Vec<(String, String)>,
    /// Index name, unique, columns, partial.
    indexes: Vec<(String, bool, Vec<String>, bool)>,
    comment: Option<String>,
    rls: bool,
    /// (privilege, column or empty for the whole table) granted to the test role.
    grants: Vec<(String, String)>,
}

#[derive(Clone, Debug)]
struct View {
    name: String,
    table: String,
    cols: Vec<String>,
}

#[derive(Clone, Debug, Default)]
struct Spec {
    enums: Vec<Vec<String>>,
    tables: Vec<Table>,
    views: Vec<View>,
    next: usize,
}

const TYPES: usize = 10;

impl Spec {
    fn fresh(&mut self, prefix: &str) -> String {
        self.next += 1;
        // Awkward names now and then: quoting must hold everywhere.
        if self.next.is_multiple_of(7) {
            format!("{prefix} {}\"x", self.next)
        } else {
            format!("{prefix}{}", self.next)
        }
    }

    fn random_type(&self, rng: &mut Rng) -> Ty {
        match rng.below(TYPES) {
            0 => Ty::Int,
            1 => Ty::BigInt,
            2 => Ty::Text,
            3 => Ty::Varchar(8 + rng.below(20) as u32),
            4 => Ty::Numeric(8 + rng.below(4) as u32, 2),
            5 => Ty::Bool,
            6 => Ty::Date,
            7 => Ty::Timestamptz,
            8 => Ty::Jsonb,
            _ if !self.enums.is_empty() => Ty::Enum(rng.below(self.enums.len())),
            _ => Ty::Text,
        }
    }

    fn column(&mut self, rng: &mut Rng) -> Col {
        let name = self.fresh("c");
        Col {
            name,
            ty: self.random_type(rng),
            not_null: rng.chance(30),
            default: rng.chance(30),
            comment: rng.chance(15).then(|| "it's a \\ column".to_string()),
        }
    }

    fn table(&mut self, rng: &mut Rng) -> Table {
        let name = self.fresh("t");
        let mut cols = vec![Col { name: "id".into(), ty: Ty::Int, not_null: true, default: false, comment: None }];
        for _ in 0..1 + rng.below(4) {
            let c = self.column(rng);
            cols.push(c);
        }
        let mut t = Table {
            name,
            cols,
            uniques: vec![],
            checks: vec![],
            fks: vec![],
            indexes: vec![],
            comment: rng.chance(20).then(|| "table 'comment'".into()),
            rls: false,
            grants: vec![],
        };
        if rng.chance(40) {
            self.add_index(&mut t, rng);
        }
        t
    }

    fn add_index(&mut self, t: &mut Table, rng: &mut Rng) {
        let name = self.fresh("i");
        let k = 1 + rng.below(t.cols.len().min(2));
        let start = rng.below(t.cols.len() + 1 - k);
        let cols: Vec<String> = t.cols[start..start + k].iter().map(|c| c.name.clone()).collect();
        let unique = cols.iter().any(|c| c == "id") && rng.chance(50);
        t.indexes.push((name, unique, cols, rng.chance(25)));
    }

    fn random(rng: &mut Rng) -> Spec {
        let mut s = Spec::default();
        for e in 0..rng.below(3) {
            s.enums
                .push((0..2 + rng.below(3)).map(|l| format!("l{e}_{l}{}", if l == 1 { "'q" } else { "" })).collect());
        }
        for _ in 0..1 + rng.below(4) {
            let mut t = s.table(rng);
            if !s.tables.is_empty() && rng.chance(40) {
                let parent = s.tables[rng.below(s.tables.len())].name.clone();
                let col = s.fresh("fk");
                t.cols.push(Col { name: col.clone(), ty: Ty::Int, not_null: false, default: false, comment: None });
                t.fks.push((col, parent));
            }
            s.tables.push(t);
        }
        if rng.chance(40) {
            s.add_view(rng);
        }
        s
    }

    fn add_view(&mut self, rng: &mut Rng) {
        if self.tables.is_empty() {
            return;
        }
        let t = &self.tables[rng.below(self.tables.len())];
        let k = 1 + rng.below(t.cols.len());
        let cols = t.cols.iter().take(k).map(|c| c.name.clone()).collect();
        let table = t.name.clone();
        let name = self.fresh("v");
        self.views.push(View { name, table, cols });
    }

    fn sql(&self) -> String {
        let q = |n: &str| format!("\"{}\"", n.replace('"', "\"\""));
        let lit = |s: &str| format!("'{}'", s.replace('\'', "''"));
        let mut out = String::from(
            "DO $$ BEGIN CREATE ROLE pgdrift_rnd_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;\n",
        );
        for (i, labels) in self.enums.iter().enumerate() {
            let ls: Vec<String> = labels.iter().map(|l| lit(l)).collect();
            let _ = writeln!(out, "CREATE TYPE \"Mood {i}\" AS ENUM ({});", ls.join(", "));
        }
        for t in &self.tables {
            let mut lines = Vec::new();
            for c in &t.cols {
                let mut l = format!("{} {}", q(&c.name), c.ty.sql());
                if c.not_null {
                    l.push_str(" NOT NULL");
                }
                if c.default {
                    l.push_str(&format!(" DEFAULT {}", c.ty.value(1, &self.enums)));
                }
                lines.push(l);
            }
            lines.push("PRIMARY KEY (id)".into());
            for (n, c) in &t.uniques {
                lines.push(format!("CONSTRAINT {} UNIQUE ({})", q(n), q(c)));
            }
            for (n, c) in &t.checks {
                lines.push(format!("CONSTRAINT {} CHECK ({} > 0)", q(n), q(c)));
            }
            let _ = writeln!(out, "CREATE TABLE {} (\n  {}\n);", q(&t.name), lines.join(",\n  "));
            if let Some(c) = &t.comment {
                let _ = writeln!(out, "COMMENT ON TABLE {} IS {};", q(&t.name), lit(c));
            }
            for c in t.cols.iter().filter(|c| c.comment.is_some()) {
                let _ = writeln!(
                    out,
                    "COMMENT ON COLUMN {}.{} IS {};",
                    q(&t.name),
                    q(&c.name),
                    lit(c.comment.as_deref().unwrap_or(""))
                );
            }
            for (n, unique, cols, partial) in &t.indexes {
                let cs: Vec<String> = cols.iter().map(|c| q(c)).collect();
                let u = if *unique { "UNIQUE " } else { "" };
                let w = if *partial { " WHERE id > 0" } else { "" };
                let _ = writeln!(out, "CREATE {u}INDEX {} ON {} ({}){w};", q(n), q(&t.name), cs.join(", "));
            }
            for (privilege, col) in &t.grants {
                let cols = if col.is_empty() { String::new() } else { format!(" ({})", q(col)) };
                let _ = writeln!(out, "GRANT {privilege}{cols} ON {} TO pgdrift_rnd_reader;", q(&t.name));
            }
            if t.rls {
                let _ = writeln!(out, "ALTER TABLE {} ENABLE ROW LEVEL SECURITY;", q(&t.name));
                let _ = writeln!(out, "CREATE POLICY p_all ON {} USING (id > 0);", q(&t.name));
            }
        }
        for t in &self.tables {
            for (c, parent) in &t.fks {
                let _ = writeln!(
                    out,
                    "ALTER TABLE {} ADD FOREIGN KEY ({}) REFERENCES {} (id) ON DELETE CASCADE;",
                    q(&t.name),
                    q(c),
                    q(parent)
                );
            }
        }
        for v in &self.views {
            let cs: Vec<String> = v.cols.iter().map(|c| q(c)).collect();
            let _ = writeln!(out, "CREATE VIEW {} AS SELECT {} FROM {};", q(&v.name), cs.join(", "), q(&v.table));
        }
        out
    }

    /// Three rows per table, valid under A's and B's constraints (ids 1..3, so foreign keys hold).
    fn data(&self) -> String {
        let mut out = String::new();
        for t in &self.tables {
            let names: Vec<String> = t.cols.iter().map(|c| format!("\"{}\"", c.name.replace('"', "\"\""))).collect();
            for r in 1..=3 {
                let vals: Vec<String> = t.cols.iter().map(|c| c.ty.value(r, &self.enums)).collect();
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

/// One random change; `None` when it does not apply to this spec.
#[derive(Clone, Copy, Debug)]
struct Mutation(u64);

fn mutate(s: &mut Spec, m: Mutation) {
    let mut rng = Rng::new(m.0);
    let n = s.tables.len();
    let ti = rng.below(n);
    match rng.below(19) {
        0 => {
            let t = s.table(&mut rng);
            s.tables.push(t);
        }
        1 if n > 1 => {
            let gone = s.tables.remove(ti).name;
            for t in &mut s.tables {
                t.fks.retain(|(_, p)| *p != gone);
            }
            s.views.retain(|v| v.table != gone);
        }
        2 | 3 if n > 0 => {
            let mut c = s.column(&mut rng);
            if c.not_null {
                c.default = true;
            }
            s.tables[ti].cols.push(c);
        }
        4 if n > 0 && s.tables[ti].cols.len() > 1 => {
            let t = &mut s.tables[ti];
            let ci = 1 + rng.below(t.cols.len() - 1);
            let gone = t.cols.remove(ci).name;
            t.uniques.retain(|(_, c)| *c != gone);
            t.checks.retain(|(_, c)| *c != gone);
            t.fks.retain(|(c, _)| *c != gone);
            t.indexes.retain(|(_, _, cs, _)| !cs.contains(&gone));
            t.grants.retain(|(_, c)| *c != gone);
            let tn = t.name.clone();
            s.views.retain(|v| !(v.table == tn && v.cols.contains(&gone)));
        }
        5 | 6 if n > 0 => {
            let t = &mut s.tables[ti];
            let ci = rng.below(t.cols.len());
            let c = &mut t.cols[ci];
            c.ty = match &c.ty {
                Ty::Int => Ty::BigInt,
                Ty::Varchar(n) if rng.chance(50) => Ty::Varchar(n + 10),
                Ty::Varchar(_) => Ty::Text,
                Ty::Numeric(p, sc) => Ty::Numeric(p + 2, *sc),
                other => other.clone(),
            };
        }
        7 if n > 0 => {
            let t = &mut s.tables[ti];
            let ci = 1 + rng.below(t.cols.len().saturating_sub(1).max(1));
            if let Some(c) = t.cols.get_mut(ci) {
                c.not_null = !c.not_null;
            }
        }
        8 if n > 0 => {
            let t = &mut s.tables[ti];
            let ci = rng.below(t.cols.len());
            t.cols[ci].default = !t.cols[ci].default;
        }
        9 if n > 0 => {
            let name = s.fresh("ck");
            let t = &mut s.tables[ti];
            let ints: Vec<String> = t.cols.iter().filter(|c| c.ty.is_int()).map(|c| c.name.clone()).collect();
            if !t.checks.is_empty() && rng.chance(50) {
                t.checks.pop();
            } else if let Some(c) = ints.get(rng.below(ints.len())) {
                t.checks.push((name, c.clone()));
            }
        }
        10 if n > 0 => {
            let name = s.fresh("uq");
            let t = &mut s.tables[ti];
            if !t.uniques.is_empty() && rng.chance(50) {
                t.uniques.pop();
            } else {
                let ints: Vec<String> = t.cols.iter().filter(|c| c.ty.is_int()).map(|c| c.name.clone()).collect();
                if let Some(c) = ints.get(rng.below(ints.len())) {
                    t.uniques.push((name, c.clone()));
                }
            }
        }
        11 | 12 if n > 0 => {
            let mut t = s.tables[ti].clone();
            if !t.indexes.is_empty() && rng.chance(50) {
                let i = rng.below(t.indexes.len());
                t.indexes.remove(i);
            } else {
                s.add_index(&mut t, &mut rng);
            }
            s.tables[ti] = t;
        }
        13 if n > 1 => {
            let parent = s.tables[rng.below(n)].name.clone();
            let col = s.fresh("fk");
            let t = &mut s.tables[ti];
            t.cols.push(Col { name: col.clone(), ty: Ty::Int, not_null: false, default: false, comment: None });
            t.fks.push((col, parent));
        }
        14 if !s.enums.is_empty() => {
            let e = rng.below(s.enums.len());
            let labels = &mut s.enums[e];
            if labels.len() > 2 && rng.chance(40) {
                labels.pop();
            } else {
                let l = format!("new{}", labels.len());
                labels.push(l);
            }
        }
        15 => {
            if !s.views.is_empty() && rng.chance(40) {
                let i = rng.below(s.views.len());
                s.views.remove(i);
            } else if !s.views.is_empty() && rng.chance(50) {
                let i = rng.below(s.views.len());
                let v = &mut s.views[i];
                if let Some(t) = s.tables.iter().find(|t| t.name == v.table) {
                    let k = 1 + (v.cols.len() % t.cols.len());
                    v.cols = t.cols.iter().take(k).map(|c| c.name.clone()).collect();
                }
            } else {
                s.add_view(&mut rng);
            }
        }
        16 if n > 0 => {
            let t = &mut s.tables[ti];
            if rng.chance(50) {
                t.comment = if t.comment.is_some() { None } else { Some("changed".into()) };
            } else {
                let ci = rng.below(t.cols.len());
                t.cols[ci].comment = if t.cols[ci].comment.is_some() { None } else { Some("col note".into()) };
            }
        }
        17 if n > 0 => s.tables[ti].rls = !s.tables[ti].rls,
        18 if n > 0 => {
            let t = &mut s.tables[ti];
            if !t.grants.is_empty() && rng.chance(40) {
                t.grants.remove(0);
            } else {
                let privilege = ["SELECT", "INSERT", "UPDATE"][rng.below(3)].to_string();
                let col = if rng.chance(50) { t.cols[rng.below(t.cols.len())].name.clone() } else { String::new() };
                if !t.grants.contains(&(privilege.clone(), col.clone())) {
                    t.grants.push((privilege, col));
                }
            }
        }
        _ => {}
    }
}

fn opts(unsafe_ok: bool) -> Options {
    Options { unsafe_ok, from_label: "A".into(), to_label: "B".into(), ..Options::default() }
}

fn ids(db: &TestDb, tables: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut c = db.client();
    for t in tables {
        let q =
            format!("SELECT coalesce(string_agg(id::text, ',' ORDER BY id), '') FROM \"{}\"", t.replace('"', "\"\""));
        out.push(c.query_one(&q, &[]).map(|r| r.get::<_, String>(0)).map_err(|e| format!("{q}: {e}"))?);
    }
    Ok(out)
}

fn converge(db: &TestDb, target: &TestDb, what: &str) -> Result<(), String> {
    let cmp = pgdrift::compare(&db.source(), &target.source(), &Filter::default()).map_err(|e| e.to_string())?;
    if !cmp.plan.unmodelled.is_empty() {
        return Err(format!("{what}: unmodelled differences: {:?}", cmp.plan.unmodelled));
    }
    let script = emit::sql(&cmp.plan, &opts(true)).text;
    db.client()
        .batch_execute(&script)
        .map_err(|e| format!("{what}: applying failed: {}\n{script}", pgdrift::error::describe_pg_error(&e)))?;
    let again = pgdrift::compare(&db.source(), &target.source(), &Filter::default()).map_err(|e| e.to_string())?;
    if !again.plan.is_empty() {
        return Err(format!(
            "{what}: not converged:\n{script}\n-- still:\n{}",
            emit::sql(&again.plan, &opts(true)).text
        ));
    }
    Ok(())
}

/// The property for one pair.
fn check_pair(a: &Spec, b: &Spec) -> Result<(), String> {
    let (a_sql, b_sql) = (a.sql(), b.sql());
    let data = a.data();
    let da = TestDb::with("rnd_a", &format!("{a_sql}{data}")).map_err(|e| format!("A: {e}\n{a_sql}"))?;
    let db = TestDb::with("rnd_b", &b_sql).map_err(|e| format!("B: {e}\n{b_sql}"))?;
    let kept: Vec<String> =
        a.tables.iter().filter(|t| b.tables.iter().any(|u| u.name == t.name)).map(|t| t.name.clone()).collect();
    let before = ids(&da, &kept)?;
    converge(&da, &db, "A -> B")?;
    if ids(&da, &kept)? != before {
        return Err("rows of kept tables did not survive A -> B".into());
    }
    let da2 = TestDb::with("rnd_a2", &a_sql)?;
    converge(&db, &da2, "B -> A")
}

fn build(seed: u64) -> (Spec, Vec<Mutation>) {
    let mut rng = Rng::new(seed);
    let a = Spec::random(&mut rng);
    let muts = (0..1 + rng.below(6)).map(|_| Mutation(rng.next())).collect();
    (a, muts)
}

fn apply(a: &Spec, muts: &[Mutation]) -> Spec {
    let mut b = a.clone();
    for m in muts {
        mutate(&mut b, *m);
    }
    // A NOT NULL column that A's rows do not have needs a default, or no tool could add it.
    for t in &mut b.tables {
        let Some(old) = a.tables.iter().find(|o| o.name == t.name) else { continue };
        for c in t.cols.iter_mut().filter(|c| c.not_null && !old.cols.iter().any(|o| o.name == c.name)) {
            c.default = true;
        }
    }
    b
}

/// Remove mutations while the pair still fails; save the minimal pair as a fixture directory.
fn shrink_and_save(seed: u64, a: &Spec, muts: &[Mutation]) -> String {
    let mut muts = muts.to_vec();
    let mut i = 0;
    while i < muts.len() {
        let mut fewer = muts.clone();
        fewer.remove(i);
        if check_pair(a, &apply(a, &fewer)).is_err() {
            muts = fewer;
        } else {
            i += 1;
        }
    }
    let b = apply(a, &muts);
    let err = check_pair(a, &b).err().unwrap_or_default();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/found/seed_{seed}"));
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join("a.sql"), format!("{}{}", a.sql(), a.data()));
    let _ = std::fs::write(dir.join("b.sql"), b.sql());
    format!("seed {seed}: {} mutation(s) after shrinking, saved to {}\n{err}", muts.len(), dir.display())
}

fn run(seed: u64, pairs: u64) {
    let mut failures = Vec::new();
    let mut identical = 0;
    for s in seed..seed + pairs {
        let (a, muts) = build(s);
        let b = apply(&a, &muts);
        if a.sql() == b.sql() {
            identical += 1;
            continue;
        }
        if check_pair(&a, &b).is_err() {
            failures.push(shrink_and_save(s, &a, &muts));
        }
    }
    eprintln!(
        "random convergence: {pairs} pairs from seed {seed}, {identical} without changes, {} failed",
        failures.len()
    );
    assert!(failures.is_empty(), "{} of {pairs} random pairs failed:\n\n{}", failures.len(), failures.join("\n\n"));
}

/// Pairs saved by earlier failing runs (tests/fixtures/found/*/{a.sql,b.sql}) must now converge.
#[test]
fn found_cases_converge() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/found");
    let dirs: Vec<_> =
        std::fs::read_dir(&root).map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
    let mut failures = Vec::new();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
        let result = (|| {
            let a = TestDb::with("found_a", &read("a.sql"))?;
            let b = TestDb::with("found_b", &read("b.sql"))?;
            converge(&a, &b, "A -> B")?;
            let a2 = TestDb::with("found_a2", &read("a.sql"))?;
            converge(&b, &a2, "B -> A")
        })();
        if let Err(e) = result {
            failures.push(format!("{}: {e}", dir.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn random_schema_pairs_converge() {
    run(env_u64("PGDRIFT_RANDOM_SEED", 1), env_u64("PGDRIFT_RANDOM_PAIRS", 24));
}

#[test]
#[ignore = "long run: cargo test --release -- --ignored random_long"]
fn random_long() {
    run(env_u64("PGDRIFT_RANDOM_SEED", 1000), env_u64("PGDRIFT_RANDOM_PAIRS", 2000));
}
