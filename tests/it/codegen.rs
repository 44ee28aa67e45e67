//! `pgdrift codegen python`: golden output for a schema using every mapped type, enums, domains, arrays,
//! composites, views and keyword column names; the output passes py_compile and `mypy --strict`; --check
//! exit codes. `PGDRIFT_BLESS=1` rewrites the golden files.

use crate::harness::TestDb;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/codegen")
}

fn pgdrift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pgdrift")).args(args).output().expect("run pgdrift")
}

fn tmp(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pgdrift-it-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `python3 -m mypy --strict` on `files` in `dir`; mypy must be installed (.ci/run installs it).
fn mypy(dir: &Path, files: &[&str]) -> Output {
    let probe = Command::new("python3").args(["-m", "mypy", "--version"]).output();
    assert!(
        probe.as_ref().is_ok_and(|o| o.status.success()),
        "mypy is not installed for python3: run `python3 -m pip install mypy` (the codegen tests need it)"
    );
    Command::new("python3")
        .args(["-m", "mypy", "--strict", "--no-incremental"])
        .args(files)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn compare_golden(generated: &Path, golden: &Path) {
    let got = std::fs::read_to_string(generated).unwrap();
    if std::env::var("PGDRIFT_BLESS").is_ok() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(golden, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(golden).unwrap_or_default();
    if want != got {
        let d = similar::TextDiff::from_lines(&want, &got).unified_diff().header("golden", "generated").to_string();
        panic!("{} differs from {}:\n{d}", generated.display(), golden.display());
    }
}

#[test]
fn python_module_and_package_match_golden_files_and_type_check() {
    let sql = std::fs::read_to_string(root().join("schema.sql")).unwrap();
    let db = TestDb::with("codegen", &sql).unwrap();
    let dir = tmp("codegen");
    let module = dir.join("db_types.py");
    let o = pgdrift(&["codegen", "python", &db.url, "--out", &module.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    compare_golden(&module, &root().join("expected/db_types.py"));
    let package = dir.join("models");
    let o = pgdrift(&["codegen", "python", &db.url, "--out", &format!("{}/", package.display())]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    for f in ["__init__.py", "enums.py", "tables.py"] {
        compare_golden(&package.join(f), &root().join("expected/models").join(f));
    }
    let compile = Command::new("python3")
        .args(["-m", "py_compile", "db_types.py", "models/tables.py"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(compile.status.success(), "{}", String::from_utf8_lossy(&compile.stderr));
    // A correct use type-checks; a missing required key does not.
    std::fs::write(
        dir.join("good.py"),
        "from db_types import CustomerInsert, OrderStatus, ActiveCustomer\nfrom models import Customer\n\
         row: CustomerInsert = {\"email\": \"a@b.c\", \"status\": OrderStatus.IN_PROGRESS, \"class\": 1}\n\
         view: ActiveCustomer = {\"id\": None, \"email\": None, \"status\": None}\n\
         def name(c: Customer) -> str | None:\n    return c[\"name\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("bad.py"),
        "from db_types import CustomerInsert\nrow: CustomerInsert = {\"name\": \"x\"}\n",
    )
    .unwrap();
    let ok = mypy(&dir, &["db_types.py", "models", "good.py"]);
    assert!(ok.status.success(), "mypy --strict: {}", String::from_utf8_lossy(&ok.stdout));
    let bad = mypy(&dir, &["bad.py"]);
    assert!(!bad.status.success() && String::from_utf8_lossy(&bad.stdout).contains("Missing key \"email\""));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_reports_stale_types() {
    let db = TestDb::with("codegen_check", "CREATE TYPE st AS ENUM ('a'); CREATE TABLE t (id int PRIMARY KEY, s st);")
        .unwrap();
    let dir = tmp("codegen-check");
    let out = dir.join("types.py").to_string_lossy().to_string();
    assert_eq!(
        pgdrift(&["codegen", "python", &db.url, "--out", &out, "--check"]).status.code(),
        Some(2),
        "missing file is stale"
    );
    assert_eq!(pgdrift(&["codegen", "python", &db.url, "--out", &out]).status.code(), Some(0));
    let o = pgdrift(&["codegen", "python", &db.url, "--out", &out, "--check"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(o.stdout.is_empty());
    db.client().batch_execute("ALTER TABLE t ADD COLUMN note text; ALTER TYPE st ADD VALUE 'b'").unwrap();
    let o = pgdrift(&["codegen", "python", &db.url, "--out", &out, "--check"]);
    assert_eq!(o.status.code(), Some(2));
    let diff = String::from_utf8_lossy(&o.stdout);
    assert!(diff.contains("+    note: str | None") && diff.contains("+    B = \"b\""), "{diff}");
    let _ = std::fs::remove_dir_all(&dir);
}
