//! `--with-roles`: roles (cluster-wide) are compared only when asked for; two databases of one cluster
//! share their roles, so the desired state is a snapshot taken before the roles changed. Without the flag,
//! a role TO needs that FROM's cluster lacks is an error naming it.

use crate::harness::TestDb;
use std::process::Command;

fn pgdrift(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_pgdrift")).args(args).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into(),
        String::from_utf8_lossy(&o.stderr).into(),
    )
}

/// The statements of a script (withheld ones too) that name one of this test's roles (other tests may make
/// roles meanwhile): not the header or the hazard notes.
fn ours(sql: &str, prefix: &str) -> Vec<String> {
    let statement = |l: &&str| !l.starts_with("-- to:") && !l.starts_with("-- unsafe (");
    sql.lines().filter(|l| l.contains(prefix)).filter(statement).map(str::to_string).collect()
}

/// Run only this test's statements of a script: the cluster's other roles belong to tests running meanwhile.
fn apply_ours(db: &TestDb, sql: &str, prefix: &str) {
    let mine: Vec<String> = ours(sql, prefix).into_iter().filter(|l| !l.starts_with("--")).collect();
    db.client().batch_execute(&format!("BEGIN;\n{}\nCOMMIT;", mine.join("\n"))).unwrap();
}

/// Drops the test's roles however the test ends (roles outlive the test's database: they are the cluster's).
struct DropRoles(Vec<String>);

impl Drop for DropRoles {
    fn drop(&mut self) {
        let mut admin = crate::harness::admin();
        for r in &self.0 {
            let _ = admin.batch_execute(&format!("DROP ROLE IF EXISTS {r}"));
        }
    }
}

#[test]
fn roles_converge_with_the_flag_and_a_missing_role_is_named_without_it() {
    let p = format!("pgd_roles_{}", std::process::id());
    let (group, app, extra) = (format!("{p}_group"), format!("{p}_app"), format!("{p}_extra"));
    // Declared before the database, so it runs after the database (and the grants in it) is gone.
    let _cleanup = DropRoles(vec![app.clone(), extra.clone(), group.clone()]);
    let db = TestDb::with(
        "roles",
        &format!(
            "CREATE ROLE {group} NOLOGIN;
             CREATE ROLE {app} LOGIN CONNECTION LIMIT 5 VALID UNTIL '2031-01-01 00:00:00+00';
             GRANT {group} TO {app} WITH ADMIN OPTION;
             ALTER ROLE {app} SET search_path = \"$user\", public;
             ALTER ROLE {app} SET statement_timeout = '5s';
             DO $$ BEGIN EXECUTE format('ALTER ROLE {app} IN DATABASE %I SET work_mem = %L', current_database(), '8MB'); END $$;
             COMMENT ON ROLE {app} IS 'the app';
             CREATE TABLE t (id int); GRANT SELECT ON t TO {app};"
        ),
    )
    .unwrap();
    let snapshot = std::env::temp_dir().join(format!("{p}.json"));
    let (code, json, err) = pgdrift(&["inspect", "--with-roles", &db.url]);
    assert_eq!(code, 0, "{err}");
    assert!(json.contains(&app) && !json.contains("password"), "{json}");
    std::fs::write(&snapshot, json).unwrap();
    let to = snapshot.to_string_lossy().to_string();

    db.client()
        .batch_execute(&format!(
            "REVOKE SELECT ON t FROM {app}; DROP ROLE {app}; ALTER ROLE {group} LOGIN CREATEDB; CREATE ROLE {extra};"
        ))
        .unwrap();
    // Without the flag: the role TO grants to is named, nothing planned.
    let (code, out, err) = pgdrift(&[&db.url, &to]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains(&app) && err.contains("--with-roles") && err.lines().count() == 1, "{err}");

    let (code, sql, err) = pgdrift(&["--with-roles", &db.url, &to]);
    assert_eq!(code, 3, "the extra role's drop is withheld: {err}\n{sql}");
    let lines = ours(&sql, &p);
    let expect = [
        format!("CREATE ROLE \"{app}\" WITH NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT LOGIN NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 5 VALID UNTIL '2031-01-01 00:00:00+00';"),
        format!("ALTER ROLE \"{app}\" SET search_path = \"$user\", public;"),
        format!("GRANT \"{group}\" TO \"{app}\" WITH ADMIN OPTION;"),
        format!("ALTER ROLE \"{group}\" WITH NOCREATEDB NOLOGIN;"),
        format!("COMMENT ON ROLE \"{app}\" IS 'the app';"),
        format!("GRANT SELECT ON TABLE \"public\".\"t\" TO \"{app}\";"),
        format!("-- DROP ROLE \"{extra}\";"),
    ];
    for e in &expect {
        assert!(lines.contains(e), "missing {e} in:\n{sql}");
    }
    // Roles come before the grant that names them.
    let pos = |needle: &str| sql.find(needle).unwrap_or_else(|| panic!("{needle} in {sql}"));
    assert!(pos(&format!("CREATE ROLE \"{app}\"")) < pos("GRANT SELECT ON TABLE"));
    apply_ours(&db, &sql, &p);

    // Converged but for the withheld drop; --unsafe drops it, and then nothing of ours differs.
    let (_, again, _) = pgdrift(&["--with-roles", &db.url, &to]);
    assert_eq!(ours(&again, &p), [format!("-- DROP ROLE \"{extra}\";")], "{again}");
    let (_, unsafe_sql, _) = pgdrift(&["--with-roles", "--unsafe", &db.url, &to]);
    apply_ours(&db, &unsafe_sql, &p);
    let (_, last, _) = pgdrift(&["--with-roles", "--unsafe", &db.url, &to]);
    assert!(ours(&last, &p).is_empty(), "{last}");
    let settings: Vec<String> = db
        .client()
        .query(
            "SELECT unnest(setconfig) FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole \
             WHERE r.rolname = $1 ORDER BY 1",
            &[&app],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(settings, ["search_path=\"$user\", public", "statement_timeout=5s", "work_mem=8MB"]);

    let _ = std::fs::remove_file(&snapshot);
}
