//! Hostile input for every reader of untrusted text (connection strings, source arguments, SQL file
//! splitting for both dialects, snapshot JSON, the SQLite DDL tokenizer and parser, cross-dialect
//! expression keys): seeded random and mutated inputs, no panics and output bounded by the input.

use crate::model::Catalog;
use crate::source::{ConnInfo, Side, Source};
use std::panic::{catch_unwind, AssertUnwindSafe};

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
}

const PIECES: [&str; 40] = [
    "'",
    "\"",
    "`",
    "[",
    "]",
    "(",
    ")",
    ";",
    ":",
    "::",
    "$$",
    "$a$",
    "\\",
    "/*",
    "*/",
    "--",
    "\n",
    " ",
    "=",
    "@",
    "%",
    "?",
    "&",
    "#",
    "postgresql://",
    "host=",
    "sslmode=",
    "[::1]",
    "é",
    "🦀",
    "\u{0}",
    "CREATE TABLE ",
    "CHECK (",
    "REFERENCES ",
    "BEGIN ",
    "END;",
    "x'0F'",
    "1e",
    "{\"",
    "]}",
];

/// A random string, or a valid `seed` with random edits.
fn input(rng: &mut Rng, seeds: &[&str]) -> String {
    let mut s = if rng.below(3) == 0 { String::new() } else { seeds[rng.below(seeds.len())].to_string() };
    for _ in 0..rng.below(12) {
        let piece = PIECES[rng.below(PIECES.len())];
        let mut at = rng.below(s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(3) {
            0 if !s.is_empty() => {
                let mut end = (at + 1 + rng.below(8)).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s.replace_range(at..end, "");
            }
            _ => s.insert_str(at, piece),
        }
    }
    s
}

fn never_panics(name: &str, seeds: &[&str], rounds: usize, f: impl Fn(&str)) {
    let mut rng = Rng(0x5EED_0000 + name.len() as u64);
    for _ in 0..rounds {
        let text = input(&mut rng, seeds);
        if catch_unwind(AssertUnwindSafe(|| f(&text))).is_err() {
            panic!("{name} panicked on input {text:?}");
        }
    }
}

#[test]
fn connection_strings_and_source_arguments() {
    let seeds = [
        "postgresql://u:secret@host:5432/db?sslmode=require",
        "host=/tmp port=5432 user=a password='x y' dbname=d",
        "postgres://[::1]:5/d",
        "sqlite:a.db",
        "sqlite::memory:",
        "EMPTY",
    ];
    never_panics("ConnInfo::parse", &seeds, 20_000, |s| {
        if let Ok(c) = ConnInfo::parse(s) {
            // The display form never carries the password (unless another field happens to hold it).
            let d = c.display();
            if let Some(pw) = c.config.get_password().map(String::from_utf8_lossy).filter(|p| p.len() >= 3) {
                let elsewhere = [c.config.get_user(), c.config.get_dbname()].iter().flatten().any(|f| f.contains(&*pw))
                    || d.split('@').nth(1).is_some_and(|rest| rest.contains(&*pw));
                assert!(elsewhere || !d.contains(&*pw), "{d}");
            }
        }
    });
    never_panics("Source::parse", &seeds, 5_000, |s| {
        // Existing paths are read as SQL directories (walking `/` would read the whole disk).
        if !std::path::Path::new(s).exists() {
            let _ = Source::parse(s, Side::From).map(|src| src.display());
        }
    });
}

#[test]
fn sql_file_splitting_in_both_dialects() {
    let seeds = [
        "CREATE TABLE a (id int);\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;",
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END; CREATE TABLE b (x);",
        "select ';' -- ;\n; /* ; */ select 2",
    ];
    never_panics("sqlfiles::statements", &seeds, 3_000, |s| {
        for (offset, stmt) in crate::source::sqlfiles::statements(s) {
            assert!(offset + stmt.len() <= s.len());
        }
    });
    never_panics("sqlite::statement_end", &seeds, 10_000, |s| {
        assert!(crate::source::sqlite::statement_end(s) <= s.len());
    });
}

#[test]
fn sqlite_ddl_and_expressions() {
    let seeds = [
        "CREATE TABLE \"t\" (id INTEGER PRIMARY KEY AUTOINCREMENT, [a b] TEXT CHECK (length([a b]) > 0) REFERENCES p ON DELETE SET NULL, CONSTRAINT u UNIQUE (a COLLATE NOCASE DESC), g AS (id * 2) STORED) STRICT, WITHOUT ROWID",
        "CHECK ((plan = ANY (ARRAY['free'::text, 'pro'::text])))",
        "'it''s'::public.mood",
    ];
    never_panics("sqlite ddl", &seeds, 20_000, |s| {
        let toks = crate::sqlite::lexer::tokenize(s);
        assert!(toks.len() <= s.len() + 1);
        let canon = crate::sqlite::lexer::canonical(&toks);
        assert!(canon.len() <= 4 * s.len() + 8, "canonical form grew unboundedly");
        let p = crate::sqlite::ddl::parse_create_table(s);
        assert!(p.columns.len() + p.constraints.len() <= s.len() + 1);
        let _ = crate::sqlite::expr::expr_key(s);
    });
}

#[test]
fn snapshot_json() {
    let mut c = Catalog::empty();
    c.unmodelled.insert(crate::model::Unmodelled {
        kind: "rule".into(),
        schema: "public".into(),
        name: "r\"1".into(),
        definition: "x".into(),
    });
    let valid = serde_json::to_string(&c).expect("serializes");
    let seeds = [valid.as_str(), "{}", "[]", "{\"schemas\": 1}"];
    never_panics("snapshot JSON", &seeds, 20_000, |s| {
        let _ = serde_json::from_str::<Catalog>(s);
    });
}
