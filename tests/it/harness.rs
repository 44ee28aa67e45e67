//! The real-Postgres test harness: finds a server (PGDRIFT_TEST_DATABASE_URL, else 127.0.0.1:5432, else a
//! throwaway cluster from initdb/pg_ctl) and hands out uniquely named databases that drop themselves.

use pgdrift::source::cluster::{Cluster, ClusterOptions};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

pub struct Server {
    /// URL of the maintenance database; databases are made by swapping the path.
    pub admin_url: String,
}

static SERVER: OnceLock<Server> = OnceLock::new();
/// The fallback cluster, stopped when the test binary exits (statics are never dropped).
static CLUSTER: OnceLock<Cluster> = OnceLock::new();

extern "C" fn stop_cluster() {
    pgdrift::source::cluster::stop_all();
}

extern "C" {
    fn atexit(f: extern "C" fn()) -> i32;
}
static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn can_connect(url: &str) -> bool {
    let Ok(mut cfg) = url.parse::<postgres::Config>() else {
        return false;
    };
    cfg.connect_timeout(Duration::from_secs(3));
    cfg.connect(postgres::NoTls).is_ok()
}

pub fn server() -> &'static Server {
    SERVER.get_or_init(|| {
        if let Ok(url) = std::env::var("PGDRIFT_TEST_DATABASE_URL") {
            assert!(can_connect(&url), "PGDRIFT_TEST_DATABASE_URL is set but no server answers there");
            return Server { admin_url: url };
        }
        let local = "postgresql://postgres@127.0.0.1:5432/postgres";
        if can_connect(local) {
            return Server { admin_url: local.into() };
        }
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            eprintln!("no server at 127.0.0.1:5432: starting a throwaway cluster");
        }
        match Cluster::start(&ClusterOptions { tcp: true, ..ClusterOptions::default() }) {
            Ok(c) => {
                let url = c.url("postgres");
                CLUSTER.set(c).ok();
                unsafe {
                    atexit(stop_cluster);
                }
                Server { admin_url: url }
            }
            Err(e) => panic!(
                "no PostgreSQL server for the tests: PGDRIFT_TEST_DATABASE_URL is unset, nothing answers at \
                 127.0.0.1:5432, and a throwaway cluster could not be started ({e}). Tests never skip."
            ),
        }
    })
}

/// `postgresql://.../<db>` for the server's address.
pub fn url_for(db: &str) -> String {
    let admin = &server().admin_url;
    let (base, query) = match admin.split_once('?') {
        Some((b, q)) => (b.to_string(), format!("?{q}")),
        None => (admin.clone(), String::new()),
    };
    let prefix = match base.rfind('/') {
        Some(i) if i > "postgresql://".len() => &base[..i],
        _ => base.as_str(),
    };
    format!("{prefix}/{db}{query}")
}

pub fn admin() -> postgres::Client {
    postgres::Client::connect(&server().admin_url, postgres::NoTls).expect("connect to the test server")
}

/// The roles fixtures grant to. Roles are cluster-wide: made before cases load, not raced by them.
pub fn ensure_fixture_roles() {
    for role in ["pgdrift_reader", "pgdrift_writer", "pgdrift_rnd_reader"] {
        let sql = format!("DO $$ BEGIN CREATE ROLE {role}; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        admin().batch_execute(&sql).expect("create the fixtures' roles");
    }
}

/// A database that exists for the life of this value.
pub struct TestDb {
    pub name: String,
    pub url: String,
}

impl TestDb {
    pub fn new(tag: &str) -> TestDb {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let tag: String = tag.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').take(30).collect();
        let name = format!("pgdrift_t{}_{n}_{tag}", std::process::id());
        admin().batch_execute(&format!("CREATE DATABASE \"{name}\"")).expect("create test database");
        let url = url_for(&name);
        TestDb { name, url }
    }

    /// A new database loaded with `sql`.
    pub fn with(tag: &str, sql: &str) -> Result<TestDb, String> {
        let db = TestDb::new(tag);
        if !sql.trim().is_empty() {
            db.client()
                .batch_execute(sql)
                .map_err(|e| format!("loading {tag}: {}", pgdrift::error::describe_pg_error(&e)))?;
        }
        Ok(db)
    }

    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).expect("connect to test database")
    }

    pub fn source(&self) -> pgdrift::source::Source {
        pgdrift::source::Source::parse(&self.url, pgdrift::source::Side::From).expect("test URL parses")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        // A database with subscriptions cannot be dropped: detach them from their (never made) slots first.
        if let Ok(mut c) = postgres::Client::connect(&self.url, postgres::NoTls) {
            let subs: Vec<String> = c
                .query(
                    "SELECT s.subname::text FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid \
                        WHERE d.datname = current_database()",
                    &[],
                )
                .map(|rows| rows.iter().map(|r| r.get(0)).collect())
                .unwrap_or_default();
            for s in subs {
                let q = format!("\"{}\"", s.replace('"', "\"\""));
                let _ = c.batch_execute(&format!(
                    "ALTER SUBSCRIPTION {q} DISABLE; ALTER SUBSCRIPTION {q} SET (slot_name = NONE); DROP SUBSCRIPTION {q}"
                ));
            }
        }
        let _ = admin().batch_execute(&format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name));
    }
}

/// Case directories under `tests/fixtures/<rel>`, found by walking the tree: a case is a directory holding
/// files (`tests/fixtures/pg/<kind>/<case>`, `tests/fixtures/sqlite/<case>`), so a new folder is never
/// skipped. Returned with their paths relative to `tests/fixtures/<rel>`, sorted.
pub fn case_dirs(rel: &str) -> Vec<(String, std::path::PathBuf)> {
    fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<(String, std::path::PathBuf)>) {
        let entries: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .collect();
        if entries.iter().any(|p| p.is_file()) {
            let name = dir.strip_prefix(root).unwrap_or(dir).to_string_lossy().replace('\\', "/");
            out.push((name, dir.to_path_buf()));
            return;
        }
        for p in entries.iter().filter(|p| p.is_dir()) {
            walk(p, root, out);
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel);
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out.sort();
    out
}

/// Run every case under `tests/fixtures/<rel>` (at least `min`) on a few threads and report all failures
/// together. `PGDRIFT_FIXTURE=text` runs only the cases whose relative path contains it: a kind
/// (`PGDRIFT_FIXTURE=policy`) or one case.
pub fn run_case_dirs(rel: &str, min: usize, run: impl Fn(&std::path::Path) -> Result<(), String> + Sync) {
    let mut all = case_dirs(rel);
    assert!(all.len() >= min, "expected at least {min} cases under tests/fixtures/{rel}, found {}", all.len());
    if let Ok(only) = std::env::var("PGDRIFT_FIXTURE") {
        all.retain(|(name, _)| name.contains(&only));
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some((name, dir)) = all.get(i) else { break };
                if let Err(e) = run(dir) {
                    failures.lock().unwrap().push(format!("--- {rel}/{name}: {e}"));
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    assert!(
        failures.is_empty(),
        "{} of {} {rel} cases failed:\n\n{}",
        failures.len(),
        all.len(),
        failures.join("\n\n")
    );
}
