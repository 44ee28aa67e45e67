//! SQL-file sources (scratch database on --dev-url or a private cluster), snapshots, fingerprints,
//! `apply` (dry run, consent, verified transaction, advisory lock, lock timeout, history) and migrations.

use crate::harness::{admin, server, TestDb};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pgdrift")).args(args).output().expect("run pgdrift")
}

fn text(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

fn schema_dir(tag: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pgdrift-it-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (name, sql) in files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, sql).unwrap();
    }
    dir
}

const BASE: &str =
    "CREATE TYPE st AS ENUM ('a', 'b');\nCREATE TABLE customers (id int PRIMARY KEY, s st DEFAULT 'a');\n";
const ORDERS: &str = "CREATE TABLE orders (\n  id int PRIMARY KEY,\n  customer_id int REFERENCES customers(id)\n);\n";

/// Tests that make scratch databases on the shared server run one at a time, so counting them is exact.
static DEV: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn scratch_databases() -> i64 {
    admin().query_one("SELECT count(*) FROM pg_database WHERE datname LIKE 'pgdrift_scratch%'", &[]).unwrap().get(0)
}

#[test]
fn sql_directory_source_on_dev_url_and_errors_name_file_and_line() {
    let _serial = DEV.lock().unwrap_or_else(|e| e.into_inner());
    let dev = &server().admin_url;
    let dir = schema_dir("dev", &[("010_base.sql", BASE), ("sub/020_orders.sql", ORDERS)]);
    let db = TestDb::with("files_dev", &format!("{BASE}{ORDERS}")).unwrap();
    let d = dir.to_string_lossy().to_string();
    let before = scratch_databases();
    let o = run(&["--dev-url", dev, &db.url, &d]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    // Files are applied in lexicographic order of their paths: orders (sub/) after base.
    let empty = run(&["--dev-url", dev, "EMPTY", &d]);
    assert_eq!(empty.status.code(), Some(2));
    // Broken SQL: file and line named, scratch database gone.
    std::fs::write(
        dir.join("sub/030_broken.sql"),
        "CREATE TABLE ok (id int);\n\nCREATE TABLE bad (id int REFERENCES missing(id));\n",
    )
    .unwrap();
    let o = run(&["--dev-url", dev, "EMPTY", &d]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(err.contains("sub/030_broken.sql:3:") && err.contains("relation \"missing\" does not exist"), "{err}");
    assert_eq!(scratch_databases(), before);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sql_source_without_dev_url_uses_a_private_cluster_and_fingerprints_match() {
    let dir = schema_dir("embedded", &[("schema.sql", &format!("{BASE}{ORDERS}"))]);
    let db = TestDb::with("files_embedded", &format!("{BASE}{ORDERS}")).unwrap();
    let d = dir.to_string_lossy().to_string();
    let o = run(&[&db.url, &d]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let a = text(&run(&["fingerprint", &db.url])).0;
    let b = text(&run(&["fingerprint", &d])).0;
    assert_eq!(a.trim().len(), 64);
    assert_eq!(a, b, "equal schemas on different servers must have equal fingerprints");
    let leftovers = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name().to_string_lossy().starts_with("pgdrift-")
                && !e.file_name().to_string_lossy().starts_with("pgdrift-it-")
        })
        .filter(|e| e.path().join("data").exists())
        .count();
    assert_eq!(leftovers, 0, "private clusters must be removed");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn snapshots_round_trip() {
    let db = TestDb::with("snap", &format!("{BASE}{ORDERS}COMMENT ON TABLE orders IS 'x';")).unwrap();
    let snap = std::env::temp_dir().join(format!("pgdrift-it-{}-snap.json", std::process::id()));
    let o = run(&["inspect", &db.url]);
    std::fs::write(&snap, &o.stdout).unwrap();
    let s = snap.to_string_lossy().to_string();
    let o = run(&[&s, &db.url]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let o = run(&["EMPTY", &s]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).0.contains("CREATE TABLE \"public\".\"orders\""));
    let _ = std::fs::remove_file(&snap);
}

fn fingerprint(url: &str) -> String {
    text(&run(&["fingerprint", url])).0
}

#[test]
fn apply_is_consented_verified_idempotent_and_recorded() {
    let _serial = DEV.lock().unwrap_or_else(|e| e.into_inner());
    let dev = server().admin_url.clone();
    let dir = schema_dir("apply", &[("010_base.sql", BASE), ("020_orders.sql", ORDERS)]);
    let d = dir.to_string_lossy().to_string();
    let target =
        TestDb::with("apply", "CREATE TABLE customers (id int PRIMARY KEY); INSERT INTO customers VALUES (1);")
            .unwrap();
    let t = target.url.clone();
    let before = fingerprint(&t);
    // Dry run and refusal without consent change nothing.
    let o = run(&["--dev-url", &dev, "apply", "--target", &t, "--to", &d, "--dry-run"]);
    assert_eq!(o.status.code(), Some(2), "{:?}", text(&o));
    assert!(text(&o).0.contains("+ create table public.orders"));
    let o = run(&["--dev-url", &dev, "apply", "--target", &t, "--to", &d]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).1.contains("--yes"));
    assert_eq!(fingerprint(&t), before);
    // A held lock makes the apply fail on lock_timeout, leaving the target as it was.
    let mut holder = target.client();
    let mut tx = holder.transaction().unwrap();
    tx.batch_execute("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE").unwrap();
    let o = run(&["--dev-url", &dev, "apply", "--target", &t, "--to", &d, "--yes", "--lock-timeout", "200ms"]);
    assert_eq!(o.status.code(), Some(1), "{:?}", text(&o));
    assert!(text(&o).1.contains("lock timeout"), "{:?}", text(&o));
    tx.rollback().unwrap();
    assert_eq!(fingerprint(&t), before);
    // Another apply holding the advisory lock: refused, nothing changed.
    let mut other = target.client();
    other.batch_execute("SELECT pg_advisory_lock(31638878505494132)").unwrap();
    let o = run(&["--dev-url", &dev, "apply", "--target", &t, "--to", &d, "--yes"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).1.contains("another pgdrift apply"), "{:?}", text(&o));
    other.batch_execute("SELECT pg_advisory_unlock_all()").unwrap();
    // With consent: applied, rows kept, recorded; a second apply is in sync.
    let o = run(&["--dev-url", &dev, "apply", "--target", &t, "--to", &d, "--yes"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let rows: i64 = target.client().query_one("SELECT count(*) FROM customers", &[]).unwrap().get(0);
    assert_eq!(rows, 1);
    let o = run(&["--dev-url", &dev, "apply", "--target", &t, "--to", &d, "--yes"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o).0.contains("in sync"));
    let h = text(&run(&["history", &t])).0;
    assert_eq!(h.lines().count(), 1, "{h}");
    assert!(h.contains("statement(s)"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn migration_new_writes_a_timestamped_file() {
    let a = TestDb::with("mig_a", BASE).unwrap();
    let b = TestDb::with("mig_b", &format!("{BASE}{ORDERS}")).unwrap();
    let dir = std::env::temp_dir().join(format!("pgdrift-it-{}-migs", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let o = run(&["migration", "new", "add_orders", "--from", &a.url, "--to", &b.url, "--dir", &dir.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2), "{:?}", text(&o));
    let files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1);
    let name = files[0].file_name().unwrap().to_string_lossy().to_string();
    assert!(name.len() == "YYYYMMDDHHMMSS_add_orders.sql".len() && name.ends_with("_add_orders.sql"), "{name}");
    let sql = std::fs::read_to_string(&files[0]).unwrap();
    a.client().batch_execute(&sql).unwrap();
    assert_eq!(run(&[&a.url, &b.url]).status.code(), Some(0));
    let _ = std::fs::remove_dir_all(Path::new(&dir));
}

#[test]
fn plan_files_apply_only_to_the_state_they_were_made_for() {
    let target = TestDb::with("plan_t", BASE).unwrap();
    let desired = TestDb::with("plan_d", &format!("{BASE}{ORDERS}")).unwrap();
    let file = std::env::temp_dir().join(format!("pgdrift-it-{}-plan.json", std::process::id()));
    let f = file.to_string_lossy().to_string();
    let o = run(&["plan", "--target", &target.url, "--to", &desired.url, "--out", &f]);
    assert_eq!(o.status.code(), Some(2), "{:?}", text(&o));
    // The target moves on: the plan is stale and nothing is applied.
    target.client().batch_execute("CREATE TABLE moved_on (id int)").unwrap();
    let before = fingerprint(&target.url);
    let o = run(&["apply", "--target", &target.url, "--plan", &f, "--yes"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).1.contains("stale plan"), "{:?}", text(&o));
    assert_eq!(fingerprint(&target.url), before);
    // Back to the planned state: the plan applies and the target matches.
    target.client().batch_execute("DROP TABLE moved_on").unwrap();
    let o = run(&["apply", "--target", &target.url, "--plan", &f, "--yes"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    assert_eq!(run(&[&target.url, &desired.url]).status.code(), Some(0));
    let _ = std::fs::remove_file(&file);
}

#[test]
fn a_missing_extension_is_named_with_its_file_and_line() {
    let _serial = DEV.lock().unwrap_or_else(|e| e.into_inner());
    let dev = &server().admin_url;
    let dir = schema_dir(
        "noext",
        &[("schema.sql", "CREATE TABLE a (id int);\nCREATE EXTENSION pgdrift_no_such_extension;\n")],
    );
    let before = scratch_databases();
    let o = run(&["--dev-url", dev, "EMPTY", &dir.to_string_lossy()]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(err.contains("schema.sql:2:") && err.contains("pgdrift_no_such_extension"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert_eq!(scratch_databases(), before);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ctrl_c_removes_the_private_cluster() {
    let dir = schema_dir("sigint", &[("schema.sql", BASE)]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_pgdrift"))
        .args(["EMPTY", &dir.to_string_lossy()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let prefix = format!("pgdrift-{pid}-");
    let ours = || {
        std::fs::read_dir(std::env::temp_dir())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .count()
    };
    let running = || {
        std::fs::read_dir(std::env::temp_dir())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .any(|e| e.path().join("data/postmaster.pid").exists())
    };
    // Wait until the private cluster's server is running, then interrupt.
    let start = std::time::Instant::now();
    while !running() && start.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(running(), "the private cluster never started");
    Command::new("kill").args(["-INT", &pid.to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert_eq!(ours(), 0, "the private cluster must be removed on Ctrl-C");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Start an apply that will block on `LOCK`, wait until its backend waits, and return it with that pid.
/// The caller waits for the child.
#[allow(clippy::zombie_processes)]
fn blocked_apply(target: &TestDb, desired: &TestDb) -> (std::process::Child, i32) {
    let child = Command::new(env!("CARGO_BIN_EXE_pgdrift"))
        .args(["apply", "--target", &target.url, "--to", &desired.url, "--yes", "--lock-timeout", "60s"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut watcher = target.client();
    let start = std::time::Instant::now();
    loop {
        let row = watcher
            .query_opt(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'pgdrift' \
                 AND wait_event_type = 'Lock'",
                &[],
            )
            .unwrap();
        if let Some(r) = row {
            return (child, r.get(0));
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(30), "the apply never blocked on the held lock");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn lost_connection_and_ctrl_c_during_apply_leave_the_target_as_it_was() {
    let target = TestDb::with("lost_t", "CREATE TABLE customers (id int PRIMARY KEY);").unwrap();
    let desired =
        TestDb::with("lost_d", "CREATE TABLE customers (id int PRIMARY KEY, note text); CREATE TABLE extra (x int);")
            .unwrap();
    let before = fingerprint(&target.url);
    for interrupt in ["terminate", "sigint", "sigterm"] {
        let mut holder = target.client();
        let mut tx = holder.transaction().unwrap();
        tx.batch_execute("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE").unwrap();
        let (child, backend) = blocked_apply(&target, &desired);
        if interrupt == "terminate" {
            admin().query_one("SELECT pg_terminate_backend($1)", &[&backend]).unwrap();
        } else {
            let sig = if interrupt == "sigint" { "-INT" } else { "-TERM" };
            Command::new("kill").args([sig, &child.id().to_string()]).status().unwrap();
        }
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        if interrupt == "terminate" {
            assert_eq!(out.status.code(), Some(1), "{err}");
            assert!(err.contains("pgdrift: error:") && err.lines().count() == 1, "{err}");
        } else {
            assert_eq!(out.status.code(), Some(130), "{err}");
        }
        tx.rollback().unwrap();
        assert_eq!(fingerprint(&target.url), before, "{interrupt}: the target must be unchanged");
    }
    // A killed client's server session notices the closed socket only once its blocked statement ends:
    // until then it still holds the apply lock. Wait for it (bounded) before applying again.
    for _ in 0..100 {
        let held: i64 = admin()
            .query_one(
                "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database \
                 WHERE l.locktype = 'advisory' AND d.datname = $1",
                &[&target.name],
            )
            .unwrap()
            .get(0);
        if held == 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let o = run(&["apply", "--target", &target.url, "--to", &desired.url, "--yes"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
}

#[test]
fn a_statement_failing_mid_plan_rolls_everything_back() {
    // The third change (SET NOT NULL) fails on a NULL row after two others have run.
    let target = TestDb::with(
        "midfail_t",
        "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, NULL);",
    )
    .unwrap();
    let desired = TestDb::with(
        "midfail_d",
        "CREATE TABLE a (id int PRIMARY KEY, note text); CREATE TABLE b (id int); CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL);",
    )
    .unwrap();
    let before = fingerprint(&target.url);
    let o = run(&["apply", "--target", &target.url, "--to", &desired.url, "--yes"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("SET NOT NULL") && err.contains("rolled back") && err.trim().lines().count() == 1, "{err}");
    assert_eq!(fingerprint(&target.url), before, "nothing of the plan may remain");
}

#[test]
fn apply_timeouts_bound_every_wait_including_the_reads_before_the_transaction() {
    let target = TestDb::with(
        "lockto_t",
        "CREATE TABLE customers (id int PRIMARY KEY); CREATE VIEW v AS SELECT id FROM customers;",
    )
    .unwrap();
    let desired = TestDb::with(
        "lockto_d",
        "CREATE TABLE customers (id int PRIMARY KEY, note text); CREATE VIEW v AS SELECT id FROM customers;",
    )
    .unwrap();
    let before = fingerprint(&target.url);
    for (flag, value, cause) in
        [("--lock-timeout", "1s", "lock timeout"), ("--statement-timeout", "1s", "statement timeout")]
    {
        let mut holder = target.client();
        // Released by the server after 30 s at most, should the apply wait for it after all.
        holder.batch_execute("SET idle_in_transaction_session_timeout = '30s'").unwrap();
        let mut tx = holder.transaction().unwrap();
        tx.batch_execute("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE").unwrap();
        let mut args = vec!["apply", "--target", &target.url, "--to", &desired.url, "--yes", flag, value];
        if flag == "--statement-timeout" {
            args.extend(["--lock-timeout", "0"]);
        }
        let o = run(&args);
        let (_, err) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{flag}: {err}");
        assert!(err.contains(cause) && err.trim().lines().count() == 1, "{flag}: {err}");
        // The apply gave up while the other session still held its lock.
        tx.query_one("SELECT 1", &[]).expect("the lock holder must still be there: the apply waited for it");
        tx.rollback().unwrap();
        assert_eq!(fingerprint(&target.url), before, "{flag}: the target must be unchanged");
    }
}
