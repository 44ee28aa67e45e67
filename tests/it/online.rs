//! `--online` plans against a real PostgreSQL: CONCURRENTLY outside the transaction, NOT VALID then
//! VALIDATE, SET NOT NULL through a validated check, index replacement by build/drop/rename; every plan
//! converges and keeps the rows.

use crate::harness::TestDb;
use pgdrift::emit::{self, Options};
use pgdrift::inspect::Filter;
use pgdrift::plan::online::online;

const BASE: &str = "CREATE TABLE p (id int PRIMARY KEY, code text);
CREATE TABLE c (id int PRIMARY KEY, p_id int, qty int, note text);
CREATE INDEX c_note ON c (note);
CREATE INDEX c_qty ON c (qty);
INSERT INTO p VALUES (1, 'a'), (2, 'b');
INSERT INTO c VALUES (10, 1, 5, 'x'), (11, 2, 6, 'y');";

const CHANGED: &str = "CREATE TABLE p (id int PRIMARY KEY, code text NOT NULL);
CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id), qty int CHECK (qty > 0), note text);
CREATE INDEX c_qty ON c (qty DESC);
CREATE UNIQUE INDEX p_code ON p (code);
CREATE TABLE fresh (id int PRIMARY KEY, v text);
CREATE INDEX fresh_v ON fresh (v);";

/// Run a script as psql does: the transaction, then each statement after it on its own.
fn run(db: &TestDb, sql: &str) {
    let mut client = db.client();
    let (tx, after) = sql.split_once("-- Statements that cannot run inside").unwrap_or((sql, ""));
    client.batch_execute(tx).unwrap_or_else(|e| panic!("{}\n{sql}", pgdrift::error::describe_pg_error(&e)));
    for stmt in after.lines().skip(1).filter(|l| !l.trim().is_empty() && !l.starts_with("--")) {
        client
            .batch_execute(stmt)
            .unwrap_or_else(|e| panic!("{stmt}: {}\n{sql}", pgdrift::error::describe_pg_error(&e)));
    }
}

fn script(a: &TestDb, b: &TestDb) -> (String, usize) {
    let cmp = pgdrift::compare(&a.source(), &b.source(), &Filter::default()).expect("compare");
    let plan = online(cmp.plan, &cmp.from);
    let steps = plan.steps.len();
    let opts = Options { unsafe_ok: true, lock_timeout: Some("5s".into()), ..Options::default() };
    (emit::sql(&plan, &opts).text, steps)
}

#[test]
fn online_plans_run_concurrently_outside_the_transaction_and_converge() {
    let a = TestDb::with("online_a", BASE).unwrap();
    let b = TestDb::with("online_b", CHANGED).unwrap();
    let (sql, _) = script(&a, &b);
    let commit = sql.find("\nCOMMIT;").expect("a transaction");
    let (inside, after) = sql.split_at(commit);
    // Index work on existing tables happens after COMMIT, concurrently, and is verified valid.
    assert!(after.contains("CREATE UNIQUE INDEX CONCURRENTLY p_code ON"), "{sql}");
    assert!(after.contains("DROP INDEX CONCURRENTLY \"public\".\"c_note\""), "{sql}");
    assert!(after.contains("indisvalid"), "{sql}");
    // A changed index is replaced: build the new one under a temporary name, drop the old, rename.
    assert!(after.contains("CREATE INDEX CONCURRENTLY \"c_qty_pgdrift_tmp\" ON"), "{sql}");
    assert!(after.contains("ALTER INDEX \"public\".\"c_qty_pgdrift_tmp\" RENAME TO \"c_qty\""), "{sql}");
    // An index on a new table is built inside the transaction (nobody can be using it).
    assert!(inside.contains("CREATE INDEX fresh_v ON"), "{sql}");
    // Constraints: NOT VALID inside, VALIDATE after.
    assert!(inside.contains("FOREIGN KEY (p_id) REFERENCES public.p(id) NOT VALID"), "{sql}");
    assert!(after.contains("VALIDATE CONSTRAINT \"c_p_id_fkey\""), "{sql}");
    assert!(after.contains("VALIDATE CONSTRAINT \"c_qty_check\""), "{sql}");
    // SET NOT NULL through a validated check constraint, dropped afterwards.
    assert!(inside.contains("CHECK (\"code\" IS NOT NULL) NOT VALID"), "{sql}");
    let v = after.find("VALIDATE CONSTRAINT \"code_pgdrift_tmp\"").expect("validated");
    let nn = after.find("SET NOT NULL").expect("set not null");
    let drop = after.find("DROP CONSTRAINT \"code_pgdrift_tmp\"").expect("helper dropped");
    assert!(v < nn && nn < drop, "{sql}");
    assert!(sql.contains("SET LOCAL lock_timeout = '5s';") && after.contains("SET lock_timeout = '5s';"), "{sql}");

    // psql -1 would fail on CONCURRENTLY: run the transaction, then each later statement on its own.
    run(&a, &sql);
    let mut client = a.client();
    let again = pgdrift::compare(&a.source(), &b.source(), &Filter::default()).unwrap();
    assert!(again.plan.is_empty(), "not converged:\n{}", emit::sql(&again.plan, &Options::default()).text);
    let rows: i64 = client.query_one("SELECT count(*) FROM c", &[]).unwrap().get(0);
    assert_eq!(rows, 2);
}

#[test]
fn online_plans_converge_in_reverse_too() {
    let a = TestDb::with("online_r_a", CHANGED).unwrap();
    let b = TestDb::with("online_r_b", BASE).unwrap();
    let (sql, steps) = script(&a, &b);
    assert!(steps > 0);
    run(&a, &sql);
    let again = pgdrift::compare(&a.source(), &b.source(), &Filter::default()).unwrap();
    assert!(again.plan.is_empty(), "not converged:\n{}", emit::sql(&again.plan, &Options::default()).text);
}

#[test]
fn check_data_tries_may_fail_steps_against_the_rows() {
    let a = TestDb::with(
        "chk_a",
        "CREATE TABLE p (id int PRIMARY KEY);
         CREATE TABLE t (id int PRIMARY KEY, a text, b int, c text, d int, e int);
         INSERT INTO p VALUES (1);
         INSERT INTO t VALUES (1, NULL, 5, 'x', 1, 7), (2, 'y', 5, '3', 1, 8);",
    )
    .unwrap();
    let b = TestDb::with(
        "chk_b",
        "CREATE TABLE p (id int PRIMARY KEY);
         CREATE TABLE t (id int PRIMARY KEY, a text NOT NULL, b int UNIQUE, c int, d int REFERENCES p (id),
                         e int CHECK (e > 0));",
    )
    .unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_pgdrift"))
        .args(["--format", "json", "--check-data", &a.url, &b.url])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let reason = |needle: &str| -> String {
        v["steps"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["hazards"].as_array().unwrap().iter())
            .filter_map(|h| h["reason"].as_str())
            .find(|r| r.contains(needle))
            .unwrap_or_else(|| panic!("no hazard mentioning {needle}: {v:#}"))
            .to_string()
    };
    assert!(reason("NOT NULL on public.t.a").contains("existing rows violate it"), "{v:#}");
    assert!(reason("t_b_key").contains("existing rows violate it"), "{v:#}");
    assert!(reason("t_d_fkey").contains("no row violates it"), "{v:#}");
    assert!(reason("t_e_check").contains("no row violates it"), "{v:#}");
    let cast = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["hazards"].as_array().unwrap().iter())
        .filter_map(|h| h["reason"].as_str())
        .any(|r| r.contains("trying it on the rows failed") && r.contains("invalid input syntax"));
    assert!(cast, "the text -> int cast of 'x' is found to fail: {v:#}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("would fail"), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn online_plans_leave_partitioned_tables_in_the_transaction() {
    // PostgreSQL builds no index CONCURRENTLY on a partitioned table and takes no NOT VALID foreign key
    // there: those steps stay plain, inside the transaction, and the plan still converges.
    let base = "CREATE TABLE r (id int PRIMARY KEY);
        CREATE TABLE ev (id int NOT NULL, k int NOT NULL, r_id int, note text) PARTITION BY RANGE (k);
        CREATE TABLE ev_1 PARTITION OF ev FOR VALUES FROM (0) TO (10);
        INSERT INTO r VALUES (1); INSERT INTO ev VALUES (1, 1, 1, 'x');";
    let changed = "CREATE TABLE r (id int PRIMARY KEY);
        CREATE TABLE ev (id int NOT NULL, k int NOT NULL, r_id int REFERENCES r (id), note text NOT NULL)
            PARTITION BY RANGE (k);
        CREATE TABLE ev_1 PARTITION OF ev FOR VALUES FROM (0) TO (10);
        CREATE INDEX ev_note ON ev (note);";
    let a = TestDb::with("online_p_a", base).unwrap();
    let b = TestDb::with("online_p_b", changed).unwrap();
    let (sql, _) = script(&a, &b);
    assert!(!sql.contains("CONCURRENTLY") && !sql.contains("NOT VALID"), "{sql}");
    assert!(sql.contains("CREATE INDEX ev_note ON public.ev"), "{sql}");
    run(&a, &sql);
    let (again, steps) = script(&a, &b);
    assert_eq!(steps, 0, "not converged:\n{again}");
    let rows: i64 = a.client().query_one("SELECT count(*) FROM ev", &[]).unwrap().get(0);
    assert_eq!(rows, 1);
}

fn apply_online(target: &TestDb, desired: &TestDb) -> std::process::Output {
    let args =
        ["apply", "--target", &target.url, "--to", &desired.url, "--online", "--yes", "--unsafe", "--no-history"];
    std::process::Command::new(env!("CARGO_BIN_EXE_pgdrift")).args(args).env("CI", "true").output().expect("run")
}

#[test]
fn apply_online_verifies_the_transaction_then_each_step_after_commit() {
    let target = TestDb::with("apponl_t", BASE).unwrap();
    let desired = TestDb::with("apponl_d", CHANGED).unwrap();
    let o = apply_online(&target, &desired);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}\n{}", String::from_utf8_lossy(&o.stdout));
    let again = pgdrift::compare(&target.source(), &desired.source(), &Filter::default()).unwrap();
    let left = emit::sql(&again.plan, &Options { unsafe_ok: true, ..Options::default() }).text;
    assert!(again.plan.is_empty(), "apply --online did not converge:\n{left}\n{}", String::from_utf8_lossy(&o.stdout));
    let invalid: i64 =
        target.client().query_one("SELECT count(*) FROM pg_index WHERE NOT indisvalid", &[]).unwrap().get(0);
    assert_eq!(invalid, 0, "every index built CONCURRENTLY is valid");
    let rows: i64 = target.client().query_one("SELECT count(*) FROM c", &[]).unwrap().get(0);
    assert_eq!(rows, 2);

    // A VALIDATE that fails after COMMIT: exit 1, one line saying what is applied and what remains.
    let bad = TestDb::with("apponl_b", &format!("{BASE}\nINSERT INTO c VALUES (12, 99, 7, 'z');")).unwrap();
    let o = apply_online(&bad, &desired);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("after COMMIT") && err.contains("remain") && err.contains("VALIDATE"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let left = pgdrift::compare(&bad.source(), &desired.source(), &Filter::default()).unwrap();
    let text = emit::sql(&left.plan, &Options { unsafe_ok: true, ..Options::default() }).text;
    assert!(text.contains("VALIDATE CONSTRAINT \"c_p_id_fkey\""), "what remains is the validation:\n{text}");
}
