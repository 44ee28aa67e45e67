//! Fixture cases `tests/fixtures/<kind>/<case>/{a.sql,b.sql,expected.sql}`: expected SQL, convergence after
//! applying to a real database, idempotency, the reverse direction, and data that must survive.
//! Optional files: `check.sql` (a query whose rows must be the same before and after applying a -> b),
//! `case.toml` (`no_reverse = "reason"`). `PGDRIFT_BLESS=1` rewrites expected.sql; `PGDRIFT_FIXTURE=name`
//! runs only the cases whose directory name contains `name`.

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

fn rows(db: &TestDb, query: &str) -> Result<String, String> {
    let q =
        format!("SELECT coalesce(string_agg(x::text, E'\\n'), '') FROM ({}) AS x", query.trim().trim_end_matches(';'));
    db.client().query_one(&q, &[]).map(|r| r.get::<_, String>(0)).map_err(|e| format!("check.sql: {e}"))
}

/// Apply `script` to `db`, then require an empty diff to `target` and an empty second script.
fn converge(db: &TestDb, target: &TestDb, script: &str, what: &str) -> Result<(), String> {
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
    Ok(())
}

pub fn run_case(dir: &Path) -> Result<(), String> {
    let a_sql = read(&dir.join("a.sql")).unwrap_or_default();
    let b_sql = read(&dir.join("b.sql")).unwrap_or_default();
    let case = read(&dir.join("case.toml")).unwrap_or_default();
    let tag = dir.file_name().and_then(|n| n.to_str()).unwrap_or("case");
    let a = TestDb::with(&format!("{tag}_a"), &a_sql)?;
    let b = TestDb::with(&format!("{tag}_b"), &b_sql)?;
    let fwd = compare(&a, &b)?;
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
        let rev = compare(&b, &a)?;
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

/// Run every case of one kind and report all failures together.
pub fn run_kind(kind: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(kind);
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no fixture cases under {}", root.display());
    // `PGDRIFT_FIXTURE=name` runs only the cases whose directory name contains it.
    if let Ok(only) = std::env::var("PGDRIFT_FIXTURE") {
        cases.retain(|c| c.file_name().is_some_and(|n| n.to_string_lossy().contains(&only)));
    }
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            run_case(c)
                .err()
                .map(|e| format!("--- {}/{}: {e}", kind, c.file_name().unwrap_or_default().to_string_lossy()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} {kind} case(s) failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

macro_rules! kinds {
    ($($k:ident),*) => {
        $( #[test] fn $k() { run_kind(stringify!($k)); } )*
        /// Every fixture folder has its test above (a folder missing from the list would be skipped).
        #[test]
        fn every_fixture_folder_is_run() {
            let listed = [$(stringify!($k)),*];
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
            let mut missing: Vec<String> = std::fs::read_dir(&root)
                .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                // Saved random pairs run in random::found_cases_converge.
                .filter(|name| name != "found" && !listed.contains(&name.as_str()))
                .collect();
            missing.sort();
            assert!(missing.is_empty(), "fixture folders no test runs (add them to kinds!): {missing:?}");
        }
    };
}

kinds!(
    schema,
    extension,
    table,
    column,
    constraint,
    index,
    sequence,
    enums,
    quoting,
    mixed,
    view,
    function,
    trigger,
    domain,
    policy,
    composite,
    privilege,
    publication,
    partition,
    inheritance,
    range,
    collation,
    aggregate
);
