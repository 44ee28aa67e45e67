//! The binary with SQLite sources: the shipped examples, apply to a file, errors naming their cause,
//! SQLite DDL files, and cross-dialect diff and sync against a real PostgreSQL.

use crate::harness::TestDb;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pgdrift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pgdrift")).args(args).env("CI", "true").output().expect("run pgdrift")
}

fn out(o: &Output) -> (i32, String, String) {
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name).to_string_lossy().into_owned()
}

fn scratch(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pgdrift-cli-sqlite-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn count(db: &Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn shipped_examples_diff_apply_and_converge() {
    let (v1, v2) = (example("app_v1.db"), example("app_v2.db"));
    let (code, sql, err) = out(&pgdrift(&[&v1, &v2]));
    assert_eq!(code, 3, "{err}");
    assert!(sql.contains("CREATE TABLE tags") && sql.contains("-- unsafe (deletes-data)"), "{sql}");
    assert!(sql.contains("coalesce(name, '')"), "NULL names are filled from the new default:\n{sql}");

    let dir = scratch("examples");
    let copy = dir.join("app.db");
    std::fs::copy(&v1, &copy).unwrap();
    let target = copy.to_string_lossy().into_owned();
    let (code, _, err) = out(&pgdrift(&["apply", "--target", &target, "--to", &v2]));
    assert_eq!(code, 1, "apply without --yes is refused");
    assert!(err.contains("--yes"), "{err}");
    let (code, _, err) = out(&pgdrift(&["apply", "--target", &target, "--to", &v2, "--yes", "--unsafe"]));
    assert_eq!(code, 0, "{err}");
    let (code, sql, err) = out(&pgdrift(&[&target, &v2]));
    assert_eq!((code, sql.as_str()), (0, ""), "{err}");
    assert_eq!(count(&copy, "SELECT count(*) FROM notes"), 2, "notes survive the rebuild");
    assert_eq!(count(&copy, "SELECT count(*) FROM users WHERE name = ''"), 1, "NULL name filled");
    assert_eq!(count(&copy, "SELECT seq FROM sqlite_sequence WHERE name = 'users'"), 2, "AUTOINCREMENT kept");
    let (code, text, _) = out(&pgdrift(&["apply", "--target", &target, "--to", &v2, "--yes"]));
    assert_eq!(code, 0);
    assert!(text.contains("in sync"), "{text}");

    // The same script through the sqlite3 shell, as a user would run it.
    let shell_copy = dir.join("shell.db");
    std::fs::copy(&v1, &shell_copy).unwrap();
    let (code, script, err) = out(&pgdrift(&[&v1, &v2, "--unsafe"]));
    assert_eq!(code, 2, "{err}");
    let shell = Command::new("sqlite3")
        .arg("-bail")
        .arg(&shell_copy)
        .stdin(std::process::Stdio::piped())
        .output_with_stdin(script.as_bytes())
        .expect("the sqlite3 shell is needed by this test (apt-get install sqlite3; .ci/run installs it)");
    assert!(shell.status.success(), "sqlite3 -bail failed: {}", String::from_utf8_lossy(&shell.stderr));
    let (code, sql, err) = out(&pgdrift(&[&shell_copy.to_string_lossy(), &v2]));
    assert_eq!((code, sql.as_str()), (0, ""), "{err}");
    assert_eq!(count(&shell_copy, "SELECT count(*) FROM notes"), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

trait WithStdin {
    fn output_with_stdin(&mut self, input: &[u8]) -> std::io::Result<Output>;
}

impl WithStdin for Command {
    fn output_with_stdin(&mut self, input: &[u8]) -> std::io::Result<Output> {
        use std::io::Write;
        let mut child = self.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn()?;
        child.stdin.take().expect("stdin is piped").write_all(input)?;
        child.wait_with_output()
    }
}

#[test]
fn empty_to_sqlite_creates_a_new_file() {
    let dir = scratch("empty");
    let fresh = dir.join("new.db");
    let (code, sql, err) = out(&pgdrift(&["EMPTY", &example("app_v2.db")]));
    assert_eq!(code, 2, "{err}");
    assert!(sql.contains("CREATE TABLE users") && sql.contains("AUTOINCREMENT"), "{sql}");
    let target = format!("sqlite:{}", fresh.display());
    let (code, _, err) = out(&pgdrift(&["apply", "--target", &target, "--to", &example("app_v2.db"), "--yes"]));
    assert_eq!(code, 0, "{err}");
    let (code, sql, _) = out(&pgdrift(&[&target, &example("app_v2.db")]));
    assert_eq!((code, sql.as_str()), (0, ""));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sqlite_errors_are_one_line_and_name_the_cause() {
    let dir = scratch("errors");
    let (code, _, err) = out(&pgdrift(&["sqlite:/nonexistent/nope.db", "EMPTY"]));
    assert_eq!(code, 1);
    assert!(err.contains("no such SQLite database file") && err.trim().lines().count() == 1, "{err}");
    let not_db = dir.join("text.db");
    std::fs::write(&not_db, "this is not a database, just text that is long enough to be read").unwrap();
    let (code, _, err) = out(&pgdrift(&[&not_db.to_string_lossy(), "EMPTY"]));
    assert_eq!(code, 1);
    assert!(err.contains("not a SQLite database") && err.trim().lines().count() == 1, "{err}");
    let ddl = dir.join("schema.sql");
    std::fs::write(&ddl, "CREATE TABLE a (id INTEGER PRIMARY KEY);\n\nCREATE TABLE b (id INTEGER REFERENCES);\n")
        .unwrap();
    let (code, _, err) = out(&pgdrift(&["--dialect", "sqlite", "EMPTY", &ddl.to_string_lossy()]));
    assert_eq!(code, 1);
    assert!(err.contains("schema.sql:3:") && err.trim().lines().count() == 1, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sqlite_ddl_files_are_loaded_in_memory() {
    let dir = scratch("ddl");
    let ddl = dir.join("schema.sql");
    std::fs::write(
        &ddl,
        "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER);\nCREATE TRIGGER t_ins AFTER INSERT ON t BEGIN\n  UPDATE t SET n = 1 WHERE id = new.id;\nEND;\n",
    )
    .unwrap();
    let src = format!("sqlite:{}", ddl.display());
    let (code, sql, err) = out(&pgdrift(&["EMPTY", &src]));
    assert_eq!(code, 2, "{err}");
    assert!(sql.contains("CREATE TRIGGER t_ins") && sql.contains("CREATE TABLE t"), "{sql}");
    let (code, sql, _) = out(&pgdrift(&["--dialect", "sqlite", &ddl.to_string_lossy(), &src]));
    assert_eq!((code, sql.as_str()), (0, ""));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cross_dialect_diff_and_sync_both_ways() {
    let dir = scratch("cross");
    let lite = dir.join("local.db");
    std::fs::copy(example("app_v2.db"), &lite).unwrap();
    let lite_arg = lite.to_string_lossy().into_owned();
    let pg = TestDb::with("cli_cross", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);").unwrap();

    // Postgres SQL that makes Postgres match SQLite.
    let (code, sql, err) = out(&pgdrift(&[&pg.url, &lite_arg]));
    assert_eq!(code, 2, "{err}");
    assert!(sql.contains("CREATE TABLE \"public\".\"notes\"") && sql.contains("bigint"), "{sql}");
    // SQLite SQL for the reverse.
    let (code, sql, err) = out(&pgdrift(&[&lite_arg, &pg.url]));
    assert!(code == 2 || code == 3, "{err}");
    assert!(sql.contains("SQLite SQL"), "{sql}");

    // sync a-wins: B (Postgres) is made to match A (SQLite), then nothing differs.
    let (code, _, err) = out(&pgdrift(&["sync", &lite_arg, &pg.url, "--strategy", "a-wins", "--yes", "--unsafe"]));
    assert!(code == 2 || code == 0, "{err}");
    let (code, sql, err) = out(&pgdrift(&[&pg.url, &lite_arg]));
    assert_eq!((code, sql.as_str()), (0, ""), "{err}");

    // merge: each side gains what only the other has.
    pg.client().batch_execute("CREATE TABLE remote_only (id bigint PRIMARY KEY, v text)").unwrap();
    rusqlite::Connection::open(&lite)
        .unwrap()
        .execute_batch("CREATE TABLE local_only (id INTEGER PRIMARY KEY)")
        .unwrap();
    let (code, _, err) = out(&pgdrift(&["sync", &lite_arg, &pg.url, "--strategy", "merge", "--yes"]));
    assert!(code == 2 || code == 0, "{err}");
    assert_eq!(count(&lite, "SELECT count(*) FROM sqlite_schema WHERE name = 'remote_only'"), 1);
    let has: i64 =
        pg.client().query_one("SELECT count(*) FROM pg_class WHERE relname = 'local_only'", &[]).unwrap().get(0);
    assert_eq!(has, 1, "{err}");
    let (code, sql, err) = out(&pgdrift(&[&pg.url, &lite_arg]));
    assert_eq!((code, sql.as_str()), (0, ""), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_and_inspect_work_on_sqlite_sources() {
    let (v1, v2) = (example("app_v1.db"), example("app_v2.db"));
    let (code, text, err) = out(&pgdrift(&["check", &v1, &v2]));
    assert_eq!(code, 2, "{err}");
    assert!(text.starts_with("drift:") && text.contains("critical"), "{text}");
    let (code, text, _) = out(&pgdrift(&["check", &v2, &v2]));
    assert_eq!((code, text.as_str()), (0, "in sync\n"));
    let (code, md, _) = out(&pgdrift(&["check", &v1, &v2, "--format", "markdown", "--fail-on", "critical"]));
    assert_eq!(code, 2);
    assert!(md.contains("| critical |"), "{md}");
    let (code, sql, err) = out(&pgdrift(&["inspect", "--format", "sql", &v2]));
    assert_eq!(code, 0, "{err}");
    assert!(sql.contains("CREATE TABLE users") && !sql.contains("\"public\""), "SQLite DDL, not Postgres:\n{sql}");
}
