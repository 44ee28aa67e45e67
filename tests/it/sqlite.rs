//! SQLite fixture cases `tests/fixtures/sqlite/<case>/{a.sql,b.sql,expected.sql}`: expected script, convergence
//! through the script (as the sqlite3 shell runs it) and through `apply`, idempotency, the reverse
//! direction, rows that must survive and foreign keys that must hold. Optional: `data.sql` (rows inserted
//! into A), `check.sql` (one SELECT per line whose rows must be equal before and after a -> b),
//! `no_reverse` (a file whose text says why the reverse direction is not checked).
//! `PGDRIFT_BLESS=1` rewrites expected.sql.

use pgdrift::cross::{plan_catalogs, CrossOptions, Planned};
use pgdrift::emit::Options;
use pgdrift::model::Catalog;
use pgdrift::sqlite::{apply, diff, emit};
use rusqlite::Connection;
use std::path::Path;

fn read(p: &Path) -> Option<String> {
    std::fs::read_to_string(p).ok()
}

fn db(sql: &str, data: Option<&str>) -> Result<Connection, String> {
    let c = Connection::open_in_memory().map_err(|e| e.to_string())?;
    c.execute_batch(sql).map_err(|e| format!("loading schema: {e}"))?;
    if let Some(d) = data {
        c.execute_batch(d).map_err(|e| format!("data.sql: {e}"))?;
    }
    Ok(c)
}

fn inspect(c: &Connection) -> Result<Catalog, String> {
    pgdrift::sqlite::inspect::inspect(c).map_err(|e| e.to_string())
}

fn plan(from: &Catalog, to: &Catalog) -> Result<diff::Plan, String> {
    match plan_catalogs(from.clone(), to.clone(), &CrossOptions::default()).map_err(|e| e.to_string())?.planned {
        Planned::Sqlite(p) => Ok(p),
        Planned::Postgres(_) => Err("expected a SQLite plan".into()),
    }
}

fn options(unsafe_ok: bool) -> Options {
    Options { unsafe_ok, from_label: "a.sql".into(), to_label: "b.sql".into(), ..Options::default() }
}

fn rows(c: &Connection, query: &str) -> Result<Vec<String>, String> {
    let mut stmt = c.prepare(query).map_err(|e| format!("check.sql `{query}`: {e}"))?;
    let n = stmt.column_count();
    let out = stmt
        .query_map([], |r| {
            (0..n)
                .map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(|e| e.to_string())?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    Ok(out.into_iter().map(|r| r.join("|")).collect())
}

fn checks(c: &Connection, check: &str) -> Result<Vec<Vec<String>>, String> {
    check.lines().filter(|l| !l.trim().is_empty() && !l.starts_with("--")).map(|q| rows(c, q)).collect()
}

fn fk_violations(c: &Connection) -> Result<usize, String> {
    c.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get::<_, i64>(0))
        .map(|n| n as usize)
        .map_err(|e| e.to_string())
}

/// Run `script` on `c` as the sqlite3 shell would, then require an empty plan to `target`.
fn converge(c: &Connection, target: &Catalog, script: &str, what: &str) -> Result<(), String> {
    c.execute_batch(script).map_err(|e| format!("{what}: running the script failed: {e}\n{script}"))?;
    let again = plan(&inspect(c)?, target)?;
    if !again.steps.is_empty() {
        let text = emit::script(&again, &options(true)).text;
        return Err(format!("{what}: not converged; a second plan still says:\n{text}"));
    }
    Ok(())
}

pub fn run_case(dir: &Path) -> Result<(), String> {
    let a_sql = read(&dir.join("a.sql")).unwrap_or_default();
    let b_sql = read(&dir.join("b.sql")).unwrap_or_default();
    let data = read(&dir.join("data.sql"));
    let check = read(&dir.join("check.sql"));
    let a = db(&a_sql, data.as_deref())?;
    let b = db(&b_sql, None)?;
    let (a_cat, b_cat) = (inspect(&a)?, inspect(&b)?);
    let fwd = plan(&a_cat, &b_cat)?;
    if fwd.steps.is_empty() {
        return Err("a and b do not differ: the case tests nothing".into());
    }
    let safe = emit::script(&fwd, &options(false)).text;
    let expected_path = dir.join("expected.sql");
    if std::env::var("PGDRIFT_BLESS").is_ok() {
        std::fs::write(&expected_path, &safe).map_err(|e| e.to_string())?;
    } else {
        let expected = read(&expected_path).ok_or("expected.sql is missing (run with PGDRIFT_BLESS=1)")?;
        if expected != safe {
            let diff = similar::TextDiff::from_lines(&expected, &safe).unified_diff().to_string();
            return Err(format!("output differs from expected.sql:\n{diff}"));
        }
    }
    // Forward through the script, with foreign keys on as an application would have them.
    a.execute_batch("PRAGMA foreign_keys = ON").map_err(|e| e.to_string())?;
    let before = match &check {
        Some(q) => checks(&a, q)?,
        None => vec![],
    };
    converge(&a, &b_cat, &emit::script(&fwd, &options(true)).text, "a -> b")?;
    if let Some(q) = &check {
        let after = checks(&a, q)?;
        if after != before {
            return Err(format!("rows did not survive a -> b:\nbefore: {before:?}\nafter:  {after:?}"));
        }
    }
    if fk_violations(&a)? > 0 {
        return Err("foreign key violations after a -> b".into());
    }
    // Forward through apply (verified, one transaction) on a fresh copy.
    let a2 = db(&a_sql, data.as_deref())?;
    let desired = b_cat.clone();
    apply::apply(&a2, &fwd, &options(true), &|_now: &Catalog| desired.clone()).map_err(|e| format!("apply: {e}"))?;
    if let Some(q) = &check {
        if checks(&a2, q)? != before {
            return Err("rows did not survive apply".into());
        }
    }
    // Reverse: B back to A.
    if !dir.join("no_reverse").exists() {
        let back = plan(&b_cat, &a_cat)?;
        converge(&b, &a_cat, &emit::script(&back, &options(true)).text, "b -> a")?;
    }
    Ok(())
}

#[test]
fn sqlite_fixture_cases_converge_and_keep_rows() {
    crate::harness::run_case_dirs("sqlite", 40, run_case);
}
