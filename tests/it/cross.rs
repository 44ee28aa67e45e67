//! Cross-dialect cases `tests/fixtures/cross/<case>/{pg.sql,sqlite.sql}` against a real PostgreSQL: Postgres made
//! to match SQLite (expected_pg.sql) and SQLite made to match Postgres (expected_sqlite.sql), each applied
//! and re-compared until the plan is empty. Optional `pg_data.sql` / `sqlite_data.sql` insert rows that
//! must survive (`pg_check.sql` / `sqlite_check.sql`: one SELECT per line). `PGDRIFT_BLESS=1` rewrites
//! the expected files.

use crate::harness::TestDb;
use pgdrift::cross::{plan_catalogs, Compared, CrossOptions, Planned};
use pgdrift::emit::{self, Options};
use pgdrift::inspect::{inspect, Filter};
use pgdrift::model::Catalog;
use pgdrift::source::Side;
use rusqlite::Connection;
use std::path::Path;

fn read(p: &Path) -> Option<String> {
    std::fs::read_to_string(p).ok()
}

fn pg_catalog(db: &TestDb) -> Result<Catalog, String> {
    inspect(&db.source(), &Filter::default(), Side::From).map(|x| x.0).map_err(|e| e.to_string())
}

fn sqlite_catalog(c: &Connection) -> Result<Catalog, String> {
    pgdrift::sqlite::inspect::inspect(c).map_err(|e| e.to_string())
}

fn options() -> Options {
    Options { unsafe_ok: true, from_label: "FROM".into(), to_label: "TO".into(), ..Options::default() }
}

fn script(cmp: &Compared) -> String {
    let mut text: String = cmp.notes.lines.iter().map(|n| format!("-- note: {n}\n")).collect();
    text.push_str(&match &cmp.planned {
        Planned::Postgres(p) => emit::sql(p, &options()).text,
        Planned::Sqlite(p) => pgdrift::sqlite::emit::script(p, &options()).text,
    });
    text
}

fn golden(path: &Path, actual: &str) -> Result<(), String> {
    if std::env::var("PGDRIFT_BLESS").is_ok() {
        return std::fs::write(path, actual).map_err(|e| e.to_string());
    }
    let expected = read(path).ok_or_else(|| format!("{} is missing (PGDRIFT_BLESS=1)", path.display()))?;
    if expected != actual {
        let diff = similar::TextDiff::from_lines(&expected, actual).unified_diff().to_string();
        return Err(format!("{} differs:\n{diff}", path.display()));
    }
    Ok(())
}

fn plan(from: &Catalog, to: &Catalog) -> Result<Compared, String> {
    plan_catalogs(from.clone(), to.clone(), &CrossOptions::default()).map_err(|e| e.to_string())
}

fn sqlite_rows(c: &Connection, check: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for q in check.lines().filter(|l| !l.trim().is_empty()) {
        let mut stmt = c.prepare(q).map_err(|e| e.to_string())?;
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                    .collect::<Result<Vec<_>, _>>()
            })
            .map_err(|e| e.to_string())?;
        for r in rows {
            out.push(r.map_err(|e| e.to_string())?.join("|"));
        }
    }
    Ok(out)
}

fn pg_rows(db: &TestDb, check: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for q in check.lines().filter(|l| !l.trim().is_empty()) {
        let sql = format!("SELECT x::text FROM ({q}) AS x");
        for r in db.client().query(&sql, &[]).map_err(|e| format!("{q}: {e}"))? {
            out.push(r.get::<_, String>(0));
        }
    }
    Ok(out)
}

pub fn run_case(dir: &Path) -> Result<(), String> {
    let tag = dir.file_name().and_then(|n| n.to_str()).unwrap_or("cross").to_string();
    let pg_sql = read(&dir.join("pg.sql")).unwrap_or_default();
    let lite_sql = read(&dir.join("sqlite.sql")).unwrap_or_default();
    let pg_data = read(&dir.join("pg_data.sql")).unwrap_or_default();
    let lite_data = read(&dir.join("sqlite_data.sql")).unwrap_or_default();
    let pg = TestDb::with(&format!("x_{tag}"), &format!("{pg_sql}\n{pg_data}"))?;
    let lite = Connection::open_in_memory().map_err(|e| e.to_string())?;
    lite.execute_batch(&format!("{lite_sql}\n{lite_data}")).map_err(|e| format!("sqlite.sql: {e}"))?;
    let (pg_cat, lite_cat) = (pg_catalog(&pg)?, sqlite_catalog(&lite)?);

    // Postgres made to match SQLite.
    let to_pg = plan(&pg_cat, &lite_cat)?;
    golden(&dir.join("expected_pg.sql"), &script(&to_pg))?;
    let pg_before = pg_rows(&pg, &read(&dir.join("pg_check.sql")).unwrap_or_default())?;
    pg.client().batch_execute(&script(&to_pg)).map_err(|e| format!("applying to Postgres: {e}\n{}", script(&to_pg)))?;
    let again = plan(&pg_catalog(&pg)?, &lite_cat)?;
    if !again.planned.is_empty() {
        return Err(format!("Postgres did not converge to SQLite; still:\n{}", script(&again)));
    }
    if pg_rows(&pg, &read(&dir.join("pg_check.sql")).unwrap_or_default())? != pg_before {
        return Err("Postgres rows did not survive".into());
    }

    // SQLite made to match (the original) Postgres.
    let to_lite = plan(&lite_cat, &pg_cat)?;
    golden(&dir.join("expected_sqlite.sql"), &script(&to_lite))?;
    let lite_check = read(&dir.join("sqlite_check.sql")).unwrap_or_default();
    let lite_before = sqlite_rows(&lite, &lite_check)?;
    lite.execute_batch(&script(&to_lite)).map_err(|e| format!("applying to SQLite: {e}\n{}", script(&to_lite)))?;
    let again = plan(&sqlite_catalog(&lite)?, &pg_cat)?;
    if !again.planned.is_empty() {
        return Err(format!("SQLite did not converge to Postgres; still:\n{}", script(&again)));
    }
    if sqlite_rows(&lite, &lite_check)? != lite_before {
        return Err("SQLite rows did not survive".into());
    }
    Ok(())
}

#[test]
fn cross_dialect_cases_converge_both_ways() {
    crate::harness::run_case_dirs("cross", 15, run_case);
}
