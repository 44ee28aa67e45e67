//! `--with-owners`: ownership is compared and converges only when asked for.

use crate::harness::TestDb;
use std::process::Command;

const ROLE: &str = "DO $$ BEGIN CREATE ROLE pgdrift_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;";

fn pgdrift(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_pgdrift")).args(args).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into(),
        String::from_utf8_lossy(&o.stderr).into(),
    )
}

#[test]
fn owners_are_compared_only_with_the_flag_and_converge() {
    let a =
        TestDb::with("own_a", &format!("{ROLE} CREATE TABLE t (id serial PRIMARY KEY); CREATE SCHEMA app;")).unwrap();
    let b = TestDb::with(
        "own_b",
        &format!(
            "{ROLE} CREATE TABLE t (id serial PRIMARY KEY); CREATE SCHEMA app; ALTER TABLE t OWNER TO pgdrift_owner;
             ALTER SCHEMA app OWNER TO pgdrift_owner;
             CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; ALTER FUNCTION f() OWNER TO pgdrift_owner;
             CREATE MATERIALIZED VIEW mv AS SELECT 1 AS x; ALTER MATERIALIZED VIEW mv OWNER TO pgdrift_owner;
             CREATE TYPE mood AS ENUM ('a'); ALTER TYPE mood OWNER TO pgdrift_owner;
             CREATE STATISTICS st ON (id + 1), (id * 2) FROM t; ALTER STATISTICS st OWNER TO pgdrift_owner;
             CREATE TEXT SEARCH DICTIONARY d (TEMPLATE = simple); ALTER TEXT SEARCH DICTIONARY d OWNER TO pgdrift_owner;
             CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w; ALTER SERVER s OWNER TO pgdrift_owner;
             CREATE PUBLICATION pub; ALTER PUBLICATION pub OWNER TO pgdrift_owner;
             CREATE OPERATOR === (FUNCTION = int4eq, LEFTARG = int, RIGHTARG = int);
             ALTER OPERATOR === (int, int) OWNER TO pgdrift_owner;
             CREATE OPERATOR FAMILY fam USING btree; ALTER OPERATOR FAMILY fam USING btree OWNER TO pgdrift_owner;
             CREATE CONVERSION conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
             ALTER CONVERSION conv OWNER TO pgdrift_owner;"
        ),
    )
    .unwrap();
    let (_, plain, _) = pgdrift(&[&a.url, &b.url]);
    assert!(!plain.contains("OWNER TO"), "owners are not compared without --with-owners:\n{plain}");
    let (code, sql, err) = pgdrift(&["--with-owners", &a.url, &b.url]);
    assert_eq!(code, 2, "{err}");
    for stmt in [
        "ALTER TABLE \"public\".\"t\" OWNER TO \"pgdrift_owner\";",
        "ALTER SCHEMA \"app\" OWNER TO \"pgdrift_owner\";",
        "ALTER FUNCTION \"public\".\"f\"() OWNER TO \"pgdrift_owner\";",
        "ALTER MATERIALIZED VIEW \"public\".\"mv\" OWNER TO \"pgdrift_owner\";",
        "ALTER TYPE \"public\".\"mood\" OWNER TO \"pgdrift_owner\";",
        "ALTER TEXT SEARCH DICTIONARY \"public\".\"d\" OWNER TO \"pgdrift_owner\";",
        "ALTER SERVER \"s\" OWNER TO \"pgdrift_owner\";",
        "ALTER STATISTICS \"public\".\"st\" OWNER TO \"pgdrift_owner\";",
        "ALTER PUBLICATION \"pub\" OWNER TO \"pgdrift_owner\";",
        "ALTER OPERATOR \"public\".=== (integer, integer) OWNER TO \"pgdrift_owner\";",
        "ALTER OPERATOR FAMILY \"public\".\"fam\" USING \"btree\" OWNER TO \"pgdrift_owner\";",
        "ALTER CONVERSION \"public\".\"conv\" OWNER TO \"pgdrift_owner\";",
    ] {
        assert!(sql.contains(stmt), "missing {stmt}:\n{sql}");
    }
    assert!(!sql.contains("SEQUENCE \"public\".\"t_id_seq\" OWNER"), "the serial's sequence follows its table:\n{sql}");
    a.client().batch_execute(&sql).unwrap_or_else(|e| panic!("{e}\n{sql}"));
    let (code, again, err) = pgdrift(&["--with-owners", &a.url, &b.url]);
    assert_eq!((code, again.as_str()), (0, ""), "{err}");
}
