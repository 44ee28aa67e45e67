//! Fixture cases `tests/fixtures/pg/<kind>/<case>/{a.sql,b.sql,expected.sql}`: expected SQL, convergence after
//! applying to a real database, idempotency, the reverse direction, and data that must survive.
//! Optional files: `check.sql` (a query whose rows must be the same before and after applying a -> b),
//! `case.toml` (`no_reverse = "reason"`; `renames = "schema.old=new .."`, declared renames, reversed for
//! b -> a; `renames_mode = "auto"`). `PGDRIFT_BLESS=1` rewrites expected.sql; `PGDRIFT_FIXTURE=text`
//! runs only the cases whose path (`<kind>/<case>`) contains `text`.

use crate::harness::TestDb;
use pgdrift::emit::{self, Options};
use pgdrift::inspect::{inspect, Filter};
use pgdrift::source::Side;
use std::path::Path;

fn read(p: &Path) -> Option<String> {
    std::fs::read_to_string(p).ok()
}

fn options(unsafe_ok: bool) -> Options {
    Options { unsafe_ok, from_label: "a.sql".into(), to_label: "b.sql".into(), ..Options::default() }
}

fn compare(a: &TestDb, b: &TestDb) -> Result<pgdrift::Comparison, String> {
    pgdrift::compare(&a.source(), &b.source(), &Filter::default()).map_err(|e| e.to_string())
}

/// A `case.toml` string value (`key = "value"`).
fn setting(case: &str, key: &str) -> Option<String> {
    case.lines().find_map(|l| {
        let (k, v) = l.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The renames a case declares, and the ones that undo them (b -> a: each reversed, in reverse order; a
/// column renamed on a renamed table is named by the table's new name).
fn case_renames(case: &str) -> (pgdrift::pg::rename::Renames, pgdrift::pg::rename::Renames) {
    use pgdrift::pg::rename::{RenameMode, Renames};
    let declared: Vec<(String, String)> = setting(case, "renames")
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|r| r.split_once('=').map(|(o, n)| (o.to_string(), n.to_string())))
        .collect();
    let reversed = declared
        .iter()
        .rev()
        .map(|(old, new)| {
            let prefix = old.rsplit_once('.').map(|(p, _)| p).unwrap_or("");
            let last_old = old.rsplit('.').next().unwrap_or(old);
            let last_new = new.rsplit('.').next().unwrap_or(new);
            (format!("{prefix}.{last_new}"), last_old.to_string())
        })
        .collect();
    let mode = match setting(case, "renames_mode").as_deref() {
        Some("auto") => RenameMode::Auto,
        Some("off") => RenameMode::Off,
        _ => RenameMode::Suggest,
    };
    (Renames { declared, mode }, Renames { declared: reversed, mode })
}

fn compare_renaming(
    a: &TestDb,
    b: &TestDb,
    renames: &pgdrift::pg::rename::Renames,
) -> Result<pgdrift::Comparison, String> {
    let filter = Filter { renames: renames.clone(), ..Filter::default() };
    pgdrift::compare(&a.source(), &b.source(), &filter).map_err(|e| e.to_string())
}

fn rows(db: &TestDb, query: &str) -> Result<String, String> {
    let q =
        format!("SELECT coalesce(string_agg(x::text, E'\\n'), '') FROM ({}) AS x", query.trim().trim_end_matches(';'));
    db.client().query_one(&q, &[]).map(|r| r.get::<_, String>(0)).map_err(|e| format!("check.sql: {e}"))
}

/// The schema as `pg_dump --schema-only` prints it, normalised only where two converged databases may
/// differ: the order of a table's columns (pgdrift appends added columns and does not compare order), the
/// order of pg_dump's entries, and this server build's `pg_attver` column option. An independent judge:
/// what pgdrift's inspector cannot see still shows here.
fn dump(db: &TestDb) -> Result<Vec<String>, String> {
    let out = std::process::Command::new(pgdrift::source::cluster::find_bin("pg_dump").ok_or("pg_dump not found")?)
        .args(["--schema-only", "--no-tablespaces", "-d", &db.url])
        .output()
        .map_err(|e| format!("pg_dump: {e}"))?;
    if !out.status.success() {
        return Err(format!("pg_dump failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut entries = Vec::new();
    for block in text.split("\n--\n-- Name: ") {
        let mut lines: Vec<String> = Vec::new();
        let mut columns: Vec<String> = Vec::new();
        let mut in_table = false;
        let acl = block.lines().next().is_some_and(|h| h.contains("; Type: ACL;"));
        for line in block.lines().skip(1) {
            // `\restrict <random key>`: pg_dump's guard, new in every dump.
            if line.starts_with("--")
                || line.starts_with('\\')
                || line.trim().is_empty()
                || line.starts_with("SET ")
                || line.starts_with("SELECT pg_catalog.set_config")
            {
                continue;
            }
            let line = sorted_options(&without_attver(line));
            if line.is_empty() {
                continue;
            }
            if in_table && line.starts_with(')') {
                columns.sort();
                lines.append(&mut columns);
                in_table = false;
            }
            if in_table {
                columns.push(line.trim_end_matches(',').to_string());
            } else {
                in_table = line.starts_with("CREATE") && line.contains(" TABLE ") && line.ends_with('(');
                lines.push(line);
            }
        }
        // The order of an object's grants is the order they were made in: not part of the schema.
        if acl {
            lines.sort();
        }
        if !lines.is_empty() {
            entries.push(lines.join("\n"));
        }
    }
    entries.sort();
    Ok(entries)
}

/// `line` without the `pg_attver=N` option this server build records on every ALTER COLUMN; empty when
/// nothing else is left of its `SET (..)`.
fn without_attver(line: &str) -> String {
    let Some(at) = line.find("pg_attver=") else { return line.to_string() };
    let end = at + line[at..].find([',', ')']).unwrap_or(line.len() - at);
    let mut s = format!("{}{}", &line[..at], &line[end..]);
    for (from, to) in [("(, ", "("), (", )", ")"), (", ,", ",")] {
        s = s.replace(from, to);
    }
    if s.contains("SET ()") {
        return String::new();
    }
    s
}

/// `WITH (b='1', a='2')` as `WITH (a='2', b='1')`: storage parameters and view options are a set.
fn sorted_options(line: &str) -> String {
    let Some(at) = line.find("WITH (") else { return line.to_string() };
    let inner = &line[at + "WITH (".len()..];
    let Some(end) = inner.find(')') else { return line.to_string() };
    let mut items: Vec<&str> = inner[..end].split(", ").collect();
    items.sort();
    format!("{}WITH ({}){}", &line[..at], items.join(", "), &inner[end..])
}

/// The two databases' pg_dump schemas are the same (after `dump`'s normalisation).
fn same_dump(db: &TestDb, target: &TestDb, what: &str) -> Result<(), String> {
    if DUMP_DIFFERS.with(|d| d.get()) {
        return Ok(());
    }
    let (a, b) = (dump(db)?, dump(target)?);
    if a != b {
        let (a, b) = (a.join("\n\n"), b.join("\n\n"));
        let diff = similar::TextDiff::from_lines(&a, &b).unified_diff().header("applied", "target").to_string();
        return Err(format!("{what}: pgdrift sees no difference but pg_dump --schema-only does:\n{diff}"));
    }
    Ok(())
}

/// The script with each subscription's connection string supplied, as `psql -v` would (a subscription is
/// created without connecting, and its connection string is not compared).
fn supply_connections(script: &str) -> String {
    let mut out = String::with_capacity(script.len());
    let mut rest = script;
    while let Some(at) = rest.find(":'pgdrift_secret_subscription_") {
        let end = rest[at + 2..].find('\'').map(|e| at + 2 + e + 1).unwrap_or(rest.len());
        let var = &rest[at + 2..end - 1];
        assert!(var.ends_with("_connection"), "fixtures hold no secret options: {var}");
        out.push_str(&rest[..at]);
        out.push_str("'dbname=pgdrift_nowhere'");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Apply `script` to `db`, then require an empty diff to `target` and an empty second script.
fn converge(db: &TestDb, target: &TestDb, script: &str, what: &str) -> Result<(), String> {
    let script = &supply_connections(script);
    db.client().batch_execute(script).map_err(|e| {
        format!("{what}: applying the script failed: {}\n{script}", pgdrift::error::describe_pg_error(&e))
    })?;
    let again = compare(db, target)?;
    let text = emit::sql(&again.plan, &options(true)).text;
    if !again.plan.is_empty() || !text.is_empty() {
        return Err(format!("{what}: not converged; a second diff still says:\n{text}\n{:?}", again.plan.unmodelled));
    }
    // An empty diff and equal fingerprints are one statement: they must agree.
    if again.from.fingerprint() != again.to.fingerprint() {
        let a = serde_json::to_string_pretty(&again.from).unwrap_or_default();
        let b = serde_json::to_string_pretty(&again.to).unwrap_or_default();
        let diff = similar::TextDiff::from_lines(&a, &b).unified_diff().header("applied", "target").to_string();
        return Err(format!("{what}: the diff is empty but the fingerprints differ:\n{diff}"));
    }
    same_dump(db, target, what)
}

thread_local! {
    /// The running case's `case.toml` says `dump_differs = "reason"`: what pg_dump shows differs in a way no
    /// SQL statement can reach (the reason says which), so only pgdrift's own convergence is checked.
    static DUMP_DIFFERS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

pub fn run_case(dir: &Path) -> Result<(), String> {
    let case_toml = read(&dir.join("case.toml")).unwrap_or_default();
    DUMP_DIFFERS.with(|d| d.set(case_toml.contains("dump_differs")));
    let a_sql = read(&dir.join("a.sql")).unwrap_or_default();
    let b_sql = read(&dir.join("b.sql")).unwrap_or_default();
    let case = read(&dir.join("case.toml")).unwrap_or_default();
    let tag = dir.file_name().and_then(|n| n.to_str()).unwrap_or("case");
    let a = TestDb::with(&format!("{tag}_a"), &a_sql)?;
    let b = TestDb::with(&format!("{tag}_b"), &b_sql)?;
    let (renames, reverse_renames) = case_renames(&case);
    let fwd = compare_renaming(&a, &b, &renames)?;
    if !fwd.plan.unmodelled.is_empty() {
        return Err(format!("unexpected unmodelled differences: {:?}", fwd.plan.unmodelled));
    }
    let safe = emit::sql(&fwd.plan, &options(false)).text;
    let expected_path = dir.join("expected.sql");
    if std::env::var("PGDRIFT_BLESS").is_ok() {
        std::fs::write(&expected_path, &safe).map_err(|e| e.to_string())?;
    } else {
        let expected = read(&expected_path).ok_or("expected.sql is missing (run with PGDRIFT_BLESS=1 to create it)")?;
        if expected != safe {
            let diff = similar::TextDiff::from_lines(&expected, &safe)
                .unified_diff()
                .header("expected.sql", "actual")
                .to_string();
            return Err(format!("output differs from expected.sql:\n{diff}"));
        }
    }
    // Forward: a fresh copy of A, data checked before and after.
    let a2 = TestDb::with(&format!("{tag}_a2"), &a_sql)?;
    let check = read(&dir.join("check.sql"));
    let before = match &check {
        Some(q) => Some(rows(&a2, q)?),
        None => None,
    };
    let unsafe_script = emit::sql(&fwd.plan, &options(true)).text;
    converge(&a2, &b, &unsafe_script, "a -> b")?;
    if let (Some(q), Some(before)) = (&check, before) {
        let after = rows(&a2, q)?;
        if after != before {
            return Err(format!("data did not survive a -> b:\nbefore:\n{before}\nafter:\n{after}"));
        }
    }
    // Reverse: b -> a applied to B.
    if !case.contains("no_reverse") {
        let rev = compare_renaming(&b, &a, &reverse_renames)?;
        let script = emit::sql(&rev.plan, &options(true)).text;
        converge(&b, &a, &script, "b -> a")?;
    }
    // The inspector itself must be deterministic.
    let (x, _) = inspect(&a.source(), &Filter::default(), Side::From).map_err(|e| e.to_string())?;
    let (y, _) = inspect(&a.source(), &Filter::default(), Side::From).map_err(|e| e.to_string())?;
    if x != y {
        return Err("two inspections of the same database differ".into());
    }
    Ok(())
}

/// Every case under `tests/fixtures/pg/<kind>/<case>`, found by walking the tree.
#[test]
fn postgres_fixture_cases_converge() {
    crate::harness::ensure_fixture_roles();
    crate::harness::run_case_dirs("pg", 150, run_case);
}
