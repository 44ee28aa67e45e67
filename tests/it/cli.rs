//! The `pgdrift` binary: exit codes, output layout, EMPTY, schema filters and error messages.

use crate::harness::TestDb;
use std::process::{Command, Output};

fn pgdrift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pgdrift")).args(args).env("CI", "true").output().expect("run pgdrift")
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const APP: &str = "CREATE TYPE st AS ENUM ('a', 'b'); CREATE TABLE t (id int PRIMARY KEY, s st, n int);";

#[test]
fn identical_databases_print_nothing_and_exit_0() {
    let a = TestDb::with("same_a", APP).unwrap();
    let b = TestDb::with("same_b", APP).unwrap();
    let o = pgdrift(&[&a.url, &b.url]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn differences_exit_2_and_applying_converges() {
    let a = TestDb::with("diff_a", "CREATE TABLE t (id int PRIMARY KEY);").unwrap();
    let b = TestDb::with("diff_b", APP).unwrap();
    let o = pgdrift(&[&a.url, &b.url]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let sql = stdout(&o);
    assert!(sql.contains("\nBEGIN;\n") && sql.contains("\nCOMMIT;\n"), "{sql}");
    assert!(
        sql.contains(&format!("-- from: postgresql://postgres@127.0.0.1:5432/{}", a.name))
            || sql.contains("-- from: postgresql://")
    );
    a.client().batch_execute(&sql).unwrap();
    let again = pgdrift(&[&a.url, &b.url]);
    assert_eq!(code(&again), 0, "{}", stdout(&again));
    assert_eq!(stdout(&again), "");
}

#[test]
fn unsafe_statements_are_withheld_with_exit_3() {
    let a = TestDb::with("unsafe_a", "CREATE TABLE t (id int, old text); CREATE TABLE gone (x int);").unwrap();
    let b = TestDb::with("unsafe_b", "CREATE TABLE t (id int);").unwrap();
    let o = pgdrift(&[&a.url, &b.url]);
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    let sql = stdout(&o);
    assert!(
        sql.contains(
            "-- unsafe (deletes-data: drops table public.gone and all its rows):\n-- DROP TABLE \"public\".\"gone\";"
        ),
        "{sql}"
    );
    assert!(sql.contains("-- ALTER TABLE \"public\".\"t\" DROP COLUMN \"old\";"), "{sql}");
    let o = pgdrift(&["--unsafe", &a.url, &b.url]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).contains("\nDROP TABLE \"public\".\"gone\";\n"));
    // --allow permits hazard kinds one by one.
    let o = pgdrift(&["--allow", "deletes-data", &a.url, &b.url]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stdout(&o).contains("\nDROP TABLE \"public\".\"gone\";\n"));
    let o = pgdrift(&["--allow", "table-rewrite", &a.url, &b.url]);
    assert_eq!(code(&o), 3);
}

#[test]
fn empty_creates_everything_and_tears_down() {
    let b = TestDb::with("empty_b", APP).unwrap();
    let fresh = TestDb::new("empty_fresh");
    let o = pgdrift(&["EMPTY", &b.url]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    fresh.client().batch_execute(&stdout(&o)).unwrap();
    assert_eq!(code(&pgdrift(&[&fresh.url, &b.url])), 0);
    let down = pgdrift(&["--unsafe", &fresh.url, "EMPTY"]);
    assert_eq!(code(&down), 2, "{}", stderr(&down));
    fresh.client().batch_execute(&stdout(&down)).unwrap();
    let o = pgdrift(&[&fresh.url, "EMPTY"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}

#[test]
fn schema_filters_apply() {
    let a = TestDb::with("filter_a", "CREATE SCHEMA x; CREATE SCHEMA y;").unwrap();
    let b = TestDb::with(
        "filter_b",
        "CREATE SCHEMA x; CREATE SCHEMA y; CREATE TABLE x.t (id int); CREATE TABLE y.u (id int);",
    )
    .unwrap();
    let only_x = stdout(&pgdrift(&["--schema", "x", &a.url, &b.url]));
    assert!(only_x.contains("\"x\".\"t\"") && !only_x.contains("\"y\".\"u\""), "{only_x}");
    let not_x = stdout(&pgdrift(&["--exclude-schema", "x", &a.url, &b.url]));
    assert!(!not_x.contains("\"x\".\"t\"") && not_x.contains("\"y\".\"u\""), "{not_x}");
}

#[test]
fn no_transaction_omits_begin_commit() {
    let a = TestDb::with("notx_a", "").unwrap();
    let b = TestDb::with("notx_b", "CREATE TABLE t (id int);").unwrap();
    let sql = stdout(&pgdrift(&["--no-transaction", &a.url, &b.url]));
    assert!(!sql.contains("BEGIN;") && !sql.contains("COMMIT;") && sql.contains("CREATE TABLE"), "{sql}");
}

#[test]
fn unmodelled_differences_are_never_silent() {
    let a = TestDb::with("unm_a", "CREATE TABLE t (id int);").unwrap();
    let b = TestDb::with("unm_b", "CREATE TABLE t (id int); CREATE TYPE sh;").unwrap();
    let o = pgdrift(&[&a.url, &b.url]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("shell type public.sh only in TO"), "{}", stderr(&o));
    assert!(stdout(&o).contains("--   shell type public.sh only in TO"), "{}", stdout(&o));
}

#[test]
fn json_format_lists_statements_with_hazards() {
    let a = TestDb::with("json_a", "CREATE TABLE gone (id int);").unwrap();
    let b = TestDb::with("json_b", "").unwrap();
    let o = pgdrift(&["--format", "json", &a.url, &b.url]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["steps"][0]["sql"][0], "DROP TABLE \"public\".\"gone\";");
    assert_eq!(v["steps"][0]["hazards"][0]["kind"], "deletes-data");
}

#[test]
fn malformed_url_names_the_side_without_password() {
    let o = pgdrift(&["postgresql://u:hunter2@host:notaport/db", "EMPTY"]);
    assert_eq!(code(&o), 1);
    let e = stderr(&o);
    assert!(e.starts_with("pgdrift: error: FROM:"), "{e}");
    assert!(!e.contains("hunter2"), "{e}");
    assert_eq!(e.trim().lines().count(), 1, "{e}");
    let o = pgdrift(&["EMPTY", "not a url"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("TO:"), "{}", stderr(&o));
}

#[test]
fn unreachable_server_is_a_clear_error() {
    let o = pgdrift(&["EMPTY", "postgresql://postgres:topsecret@127.0.0.1:1/x"]);
    assert_eq!(code(&o), 1);
    let e = stderr(&o);
    assert!(e.contains("TO: cannot connect to postgresql://postgres@127.0.0.1:1/x: connection refused"), "{e}");
    assert!(!e.contains("topsecret"));
}

#[test]
fn missing_database_is_named() {
    let url = crate::harness::url_for("pgdrift_no_such_db");
    let o = pgdrift(&[&url, "EMPTY"]);
    assert_eq!(code(&o), 1);
    let e = stderr(&o);
    assert!(e.contains("FROM: cannot connect") && e.contains("database \"pgdrift_no_such_db\" does not exist"), "{e}");
}

#[test]
fn key_value_connection_strings_and_env_defaults() {
    let a = TestDb::with("kv_a", "CREATE TABLE t (id int);").unwrap();
    let kv = format!("host=127.0.0.1 port=5432 user=postgres dbname={} sslmode=disable", a.name);
    let url = a.url.clone();
    let o = pgdrift(&[&kv, &url]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = Command::new(env!("CARGO_BIN_EXE_pgdrift"))
        .args([&format!("dbname={}", a.name), &url])
        .env("PGHOST", "127.0.0.1")
        .env("PGPORT", "5432")
        .env("PGUSER", "postgres")
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn check_gives_a_verdict_report_and_exit_codes() {
    let a = TestDb::with("check_a", "CREATE TABLE t (id int); CREATE TABLE gone (x int);").unwrap();
    let b = TestDb::with("check_b", "CREATE TABLE t (id int, note text);").unwrap();
    let same = pgdrift(&["check", &a.url, &a.url]);
    assert_eq!(code(&same), 0, "{}", stderr(&same));
    assert_eq!(stdout(&same), "in sync\n");
    let report = std::env::temp_dir().join(format!("pgdrift-it-{}-drift.md", std::process::id()));
    let o = pgdrift(&["check", &a.url, &b.url, "--report", &report.to_string_lossy()]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stdout(&o).starts_with("drift: 2 difference(s) (1 critical, 1 low)"), "{}", stdout(&o));
    let md = std::fs::read_to_string(&report).unwrap();
    assert!(md.contains("## Schema drift") && md.contains("| critical | `table public.gone` | Drop |"), "{md}");
    let _ = std::fs::remove_file(&report);
    // Only a low-severity drift: passes when failing on high.
    let c = TestDb::with("check_c", "CREATE TABLE t (id int, note text); CREATE TABLE gone (x int);").unwrap();
    let o = pgdrift(&["check", &c.url, &b.url, "--fail-on", "high"]);
    assert_eq!(code(&o), 2, "dropping a table is critical: {}", stdout(&o));
    let o = pgdrift(&["check", &a.url, &c.url, "--fail-on", "medium", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["worst_severity"], "low");
    assert_eq!(v["failed"], false);
    assert_eq!(v["plan"]["steps"][0]["severity"], "low");
}

/// A TCP server on a free port that answers every connection with `reply` and closes it.
fn fake_server(reply: &'static [u8]) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            use std::io::{Read, Write};
            let mut buf = [0u8; 512];
            let _ = s.read(&mut buf);
            let _ = s.write_all(reply);
        }
    });
    port
}

#[test]
fn non_postgres_servers_and_closed_connections_are_one_line_errors_without_secrets() {
    for reply in [&b"HTTP/1.1 400 Bad Request\r\n\r\n"[..], &b""[..], &b"N"[..]] {
        let port = fake_server(reply);
        let url = format!("postgresql://alice:hunter2secret@127.0.0.1:{port}/db?sslmode=prefer");
        let o = pgdrift(&[&url, "EMPTY"]);
        let err = stderr(&o);
        assert_eq!(code(&o), 1, "{err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains("FROM") && err.contains("cannot connect"), "{err}");
        assert!(!err.contains("hunter2secret") && !stdout(&o).contains("hunter2secret"), "{err}");
    }
}

#[test]
fn secrets_in_options_and_connection_strings_are_never_printed() {
    let secret = "CREATE FOREIGN DATA WRAPPER w; \
        CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (host 'h', password 'hunter2'); \
        CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'u', password 'hunter2'); \
        CREATE FOREIGN TABLE ft (id int OPTIONS (api_key 'hunter2')) SERVER s OPTIONS (token 'hunter2'); \
        CREATE SUBSCRIPTION sub CONNECTION 'dbname=nowhere password=hunter2' PUBLICATION pub \
        WITH (connect = false, slot_name = NONE);";
    let a = TestDb::with("secret_a", "").unwrap();
    let b = TestDb::with("secret_b", secret).unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec![&a.url, &b.url],
        vec!["--unsafe", &b.url, &a.url],
        vec!["--format", "json", &a.url, &b.url],
        vec!["--format", "summary", &a.url, &b.url],
        vec!["--format", "markdown", &a.url, &b.url],
        vec!["inspect", &b.url],
        vec!["inspect", "--format", "sql", &b.url],
        vec!["fingerprint", &b.url],
        vec!["check", &a.url, &b.url],
    ];
    let mut shown = 0;
    for args in &runs {
        let o = pgdrift(args);
        let (out, err) = (stdout(&o), stderr(&o));
        assert!(!out.contains("hunter2") && !err.contains("hunter2"), "{args:?} printed a secret:\n{out}\n{err}");
        let both = format!("{out}{err}").to_lowercase();
        shown += usize::from(both.contains("user mapping") || both.contains("user_mapping"));
    }
    assert!(shown >= 3, "the user mapping itself must still be shown");
    // The script names the secret as a psql variable; --show-secrets prints it.
    let script = stdout(&pgdrift(&[&a.url, &b.url]));
    assert!(script.contains("password :'pgdrift_secret_public_s_password'"), "{script}");
    assert!(script.contains("PGDRIFT_SECRET_PUBLIC_S_PASSWORD"), "{script}");
    assert!(script.contains("token :'pgdrift_secret_foreign_table_public_ft_token'"), "{script}");
    assert!(script.contains("api_key :'pgdrift_secret_foreign_table_public_ft_id_api_key'"), "{script}");
    assert!(stdout(&pgdrift(&["--show-secrets", &a.url, &b.url])).contains("'hunter2'"));
    b.client().batch_execute("DROP SUBSCRIPTION sub").unwrap();
}

#[test]
fn apply_takes_secrets_from_the_environment_and_never_records_them() {
    let to = TestDb::with(
        "secret_apply_to",
        "CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w; \
         CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'u', password 'hunter2');",
    )
    .unwrap();
    let target = TestDb::with("secret_apply_target", "").unwrap();
    let apply = |env: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pgdrift"));
        cmd.args(["apply", "--target", &target.url, "--to", &to.url, "--yes"]);
        cmd.env_remove("PGDRIFT_SECRET_PUBLIC_S_PASSWORD");
        if let Some(v) = env {
            cmd.env("PGDRIFT_SECRET_PUBLIC_S_PASSWORD", v);
        }
        cmd.output().expect("run pgdrift")
    };
    let o = apply(None);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let e = stderr(&o);
    assert!(e.contains("PGDRIFT_SECRET_PUBLIC_S_PASSWORD") && e.contains("nothing was changed"), "{e}");
    let servers: i64 = target.client().query_one("SELECT count(*) FROM pg_foreign_server", &[]).unwrap().get(0);
    assert_eq!(servers, 0, "nothing may be applied without the secret");
    let o = apply(Some("hunter2"));
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(!stdout(&o).contains("hunter2") && !stderr(&o).contains("hunter2"));
    let options: Vec<String> = target.client().query_one("SELECT umoptions FROM pg_user_mappings", &[]).unwrap().get(0);
    assert!(options.contains(&"password=hunter2".to_string()), "{options:?}");
    let history = pgdrift(&["history", &target.url]);
    assert!(!stdout(&history).contains("hunter2"), "{}", stdout(&history));
    assert_eq!(code(&pgdrift(&[&target.url, &to.url])), 0, "converged: the digests match");
}

#[test]
fn renames_are_suggested_declared_and_prompted_only_on_a_terminal() {
    let a = TestDb::with(
        "ren_a",
        "CREATE TABLE people (id int PRIMARY KEY, full_name text NOT NULL); INSERT INTO people VALUES (1, 'Ada');",
    )
    .unwrap();
    let b = TestDb::with("ren_b", "CREATE TABLE people (id int PRIMARY KEY, display_name text NOT NULL);").unwrap();
    // Suggested by default: the plan stays a (withheld) drop and an add.
    let o = pgdrift(&[&a.url, &b.url]);
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    assert!(stderr(&o).contains("re-run with --rename public.people.full_name=public.people.display_name"));
    assert!(stdout(&o).contains("--   re-run with --rename public.people.full_name=public.people.display_name"));
    // Prompting needs a terminal (the test's stdin is not one).
    let o = pgdrift(&["--renames", "prompt", &a.url, &b.url]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("needs a terminal") && stdout(&o).is_empty(), "{}", stderr(&o));
    // A name FROM does not have: one line naming it.
    let o = pgdrift(&["--rename", "public.people.nope=x", &a.url, &b.url]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("public.people.nope") && stderr(&o).trim().lines().count() == 1, "{}", stderr(&o));
    // Declared (or auto): a rename, and the JSON plan says so.
    for args in [vec!["--rename", "public.people.full_name=display_name"], vec!["--renames", "auto"]] {
        let o = pgdrift(&[args.as_slice(), &[a.url.as_str(), b.url.as_str()]].concat());
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(
            stdout(&o).contains("ALTER TABLE \"public\".\"people\" RENAME COLUMN \"full_name\" TO \"display_name\";")
        );
    }
    let o = pgdrift(&["--renames", "auto", "--format", "json", &a.url, &b.url]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["steps"][0]["rename"]["from"], "public.people.full_name", "{}", stdout(&o));
    assert_eq!(v["steps"][0]["rename"]["to"], "public.people.display_name");
    let o = pgdrift(&["--format", "json", &a.url, &b.url]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["suggested_renames"][0]["new"], "public.people.display_name", "{}", stdout(&o));
}
