//! Never silent, enforced: one object of every kind a user can create in PostgreSQL (walking the CREATE
//! commands of the SQL reference), and one change of each attribute pgdrift reads, must each show in a
//! diff: as changes of that kind or as an unmodelled difference naming it. Both directions. When a
//! PostgreSQL release adds a kind, this list is where it gets its line.

use crate::harness::TestDb;
use pgdrift::reading::Filter;

/// One case: SQL both databases hold, what only A and only B add, and the kind label that must show
/// (`Kind::label` of a change's object, or an unmodelled difference's kind).
struct Case {
    name: &'static str,
    both: &'static str,
    a: &'static str,
    b: &'static str,
    shows: &'static str,
    /// Run before the databases are dropped (subscriptions keep a database from being dropped).
    cleanup: &'static str,
}

const fn kind(name: &'static str, both: &'static str, b: &'static str, shows: &'static str) -> Case {
    Case { name, both, a: "", b, shows, cleanup: "" }
}

const fn attribute(
    name: &'static str,
    both: &'static str,
    a: &'static str,
    b: &'static str,
    shows: &'static str,
) -> Case {
    Case { name, both, a, b, shows, cleanup: "" }
}

const FDW: &str = "CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (host 'h');";
const TABLE: &str = "CREATE TABLE t (id int PRIMARY KEY, body text);";
const EVENT_FN: &str = "CREATE FUNCTION et() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$;";
const BASE_TYPE_FNS: &str = "CREATE TYPE bt; \
    CREATE FUNCTION bt_in(cstring) RETURNS bt LANGUAGE internal IMMUTABLE STRICT AS 'int4in'; \
    CREATE FUNCTION bt_out(bt) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';";

/// Kinds a test database can hold. Left out, with the reason: databases, roles and tablespaces are
/// cluster-wide, so two databases of one cluster cannot differ in them (roles: `--with-roles`, tested
/// against a snapshot in `roles.rs`; a tablespace needs a directory on the server's machine); security
/// labels need a label provider module loaded; large objects are data, not schema (pg_dump --schema-only
/// leaves them out too).
fn kinds() -> Vec<Case> {
    vec![
        kind("access method", "", "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;", "access method"),
        kind("aggregate", "", "CREATE AGGREGATE agg(int) (SFUNC = int4pl, STYPE = int);", "aggregate"),
        kind("cast", "CREATE TYPE mood AS ENUM ('a');", "CREATE CAST (mood AS int4) WITH INOUT;", "cast"),
        kind("collation", "", "CREATE COLLATION c1 (provider = icu, locale = 'und');", "collation"),
        kind("conversion", "", "CREATE CONVERSION conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;", "conversion"),
        kind("domain", "", "CREATE DOMAIN d AS int CHECK (VALUE > 0);", "domain"),
        kind("enum", "", "CREATE TYPE e AS ENUM ('x');", "enum"),
        kind("composite type", "", "CREATE TYPE ct AS (a int);", "composite type"),
        kind("range type", "", "CREATE TYPE r AS RANGE (subtype = int4);", "range type"),
        kind("base type", BASE_TYPE_FNS, "CREATE TYPE bt (INPUT = bt_in, OUTPUT = bt_out, LIKE = int4);", "base type"),
        kind("shell type", "", "CREATE TYPE sh;", "shell type"),
        kind("event trigger", EVENT_FN, "CREATE EVENT TRIGGER etr ON ddl_command_start EXECUTE FUNCTION et();", "event trigger"),
        kind("extension", "", "CREATE EXTENSION pg_trgm;", "extension"),
        kind("foreign-data wrapper", "", "CREATE FOREIGN DATA WRAPPER w2;", "foreign-data wrapper"),
        kind("foreign server", "CREATE FOREIGN DATA WRAPPER w;", "CREATE SERVER s FOREIGN DATA WRAPPER w;", "foreign server"),
        kind("user mapping", FDW, "CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (password 'hunter2');", "user mapping"),
        kind("foreign table", FDW, "CREATE FOREIGN TABLE ft (id int) SERVER s;", "table"),
        kind("function", "", "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';", "function"),
        kind("procedure", "", "CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1';", "function"),
        kind("index", TABLE, "CREATE INDEX t_body ON t (body);", "index"),
        kind("language", "", "CREATE LANGUAGE pl2 HANDLER plpgsql_call_handler;", "language"),
        kind("materialized view", "", "CREATE MATERIALIZED VIEW mv AS SELECT 1 AS x;", "view"),
        kind("operator", "", "CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);", "operator"),
        kind("operator family", "", "CREATE OPERATOR FAMILY fam USING btree;", "operator family"),
        kind(
            "operator class",
            "",
            "CREATE OPERATOR CLASS ops FOR TYPE int USING btree AS OPERATOR 1 <, FUNCTION 1 btint4cmp(int, int);",
            "operator class",
        ),
        kind("policy", TABLE, "CREATE POLICY pol ON t USING (id > 0);", "policy"),
        kind("publication", TABLE, "CREATE PUBLICATION pub FOR TABLE t;", "publication"),
        kind(
            "publication row filter",
            "CREATE TABLE t (id int PRIMARY KEY, body text); CREATE PUBLICATION pub;",
            "ALTER PUBLICATION pub ADD TABLE t WHERE (id > 0);",
            "publication",
        ),
        kind(
            "publication of a schema",
            "CREATE PUBLICATION pub;",
            "ALTER PUBLICATION pub ADD TABLES IN SCHEMA public;",
            "publication",
        ),
        kind("rule", TABLE, "CREATE RULE r AS ON INSERT TO t DO ALSO NOTHING;", "rule"),
        kind("schema", "", "CREATE SCHEMA s;", "schema"),
        kind("sequence", "", "CREATE SEQUENCE sq;", "sequence"),
        kind("statistics", TABLE, "CREATE STATISTICS st ON id, body FROM t;", "statistics"),
        Case {
            name: "subscription",
            both: "",
            a: "",
            b: "CREATE SUBSCRIPTION sub CONNECTION 'dbname=nowhere password=hunter2' PUBLICATION pub \
                WITH (connect = false, slot_name = NONE);",
            shows: "subscription",
            cleanup: "DROP SUBSCRIPTION IF EXISTS sub;",
        },
        kind("table", "", TABLE, "table"),
        kind("text search configuration", "", "CREATE TEXT SEARCH CONFIGURATION cfg (COPY = english);", "text search configuration"),
        kind("text search dictionary", "", "CREATE TEXT SEARCH DICTIONARY dict (TEMPLATE = simple);", "text search dictionary"),
        kind(
            "text search parser",
            "",
            "CREATE TEXT SEARCH PARSER prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, \
             LEXTYPES = prsd_lextype);",
            "text search parser",
        ),
        kind("text search template", "", "CREATE TEXT SEARCH TEMPLATE tmpl (LEXIZE = dsimple_lexize);", "text search template"),
        kind(
            "transform",
            "CREATE FUNCTION tf(internal) RETURNS internal LANGUAGE internal IMMUTABLE AS 'int4recv';",
            "CREATE TRANSFORM FOR int LANGUAGE plpgsql (FROM SQL WITH FUNCTION tf(internal), \
             TO SQL WITH FUNCTION int4recv(internal));",
            "transform",
        ),
        kind(
            "trigger",
            "CREATE TABLE t (id int); CREATE FUNCTION tg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;",
            "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tg();",
            "trigger",
        ),
        kind("view", "", "CREATE VIEW v AS SELECT 1 AS x;", "view"),
    ]
}

/// Attributes: everything else equal, one attribute differs.
fn attributes() -> Vec<Case> {
    let rule = "CREATE TABLE t (id int); CREATE RULE r AS ON INSERT TO t DO ALSO NOTHING;";
    let trigger = "CREATE TABLE t (id int); \
        CREATE FUNCTION tg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$; \
        CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tg();";
    vec![
        attribute(
            "publication row filter",
            "CREATE TABLE t (id int PRIMARY KEY, body text); CREATE PUBLICATION pub;",
            "ALTER PUBLICATION pub ADD TABLE t WHERE (id > 0);",
            "ALTER PUBLICATION pub ADD TABLE t WHERE (id > 1);",
            "publication",
        ),
        attribute(
            "publication column list",
            "CREATE TABLE t (id int PRIMARY KEY, body text); CREATE PUBLICATION pub;",
            "ALTER PUBLICATION pub ADD TABLE t (id, body);",
            "ALTER PUBLICATION pub ADD TABLE t (id);",
            "publication",
        ),
        attribute("rule enabled state", rule, "", "ALTER TABLE t DISABLE RULE r;", "rule"),
        attribute("trigger enabled state", trigger, "", "ALTER TABLE t DISABLE TRIGGER trg;", "trigger"),
        attribute("column storage", TABLE, "", "ALTER TABLE t ALTER COLUMN body SET STORAGE EXTERNAL;", "column"),
        attribute("column compression", TABLE, "", "ALTER TABLE t ALTER COLUMN body SET COMPRESSION pglz;", "column"),
        attribute(
            "column statistics target",
            TABLE,
            "",
            "ALTER TABLE t ALTER COLUMN body SET STATISTICS 500;",
            "column",
        ),
        attribute("server option", FDW, "", "ALTER SERVER s OPTIONS (SET host 'other');", "foreign server"),
        attribute(
            "user mapping option",
            "CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w; \
             CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (password 'hunter2');",
            "",
            "ALTER USER MAPPING FOR PUBLIC SERVER s OPTIONS (SET password 'hunter3');",
            "user mapping",
        ),
        attribute(
            "foreign table option",
            "CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w; \
             CREATE FOREIGN TABLE ft (id int OPTIONS (column_name 'a')) SERVER s OPTIONS (table_name 'x');",
            "",
            "ALTER FOREIGN TABLE ft OPTIONS (SET table_name 'y');",
            "table",
        ),
        attribute(
            "foreign table column option",
            "CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w; \
             CREATE FOREIGN TABLE ft (id int OPTIONS (column_name 'a')) SERVER s OPTIONS (table_name 'x');",
            "",
            "ALTER FOREIGN TABLE ft ALTER COLUMN id OPTIONS (SET column_name 'b');",
            "column",
        ),
        attribute(
            "foreign table server",
            "CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w; \
             CREATE SERVER s2 FOREIGN DATA WRAPPER w;",
            "CREATE FOREIGN TABLE ft (id int) SERVER s;",
            "CREATE FOREIGN TABLE ft (id int) SERVER s2;",
            "table",
        ),
        attribute(
            "operator estimator",
            "CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);",
            "",
            "ALTER OPERATOR === (int, int) SET (RESTRICT = eqsel);",
            "operator",
        ),
        attribute(
            "grant on a language",
            "CREATE TRUSTED LANGUAGE pl2 HANDLER plpgsql_call_handler;",
            "",
            "GRANT USAGE ON LANGUAGE pl2 TO pgdrift_reader;",
            "language privileges",
        ),
        attribute(
            "default conversion",
            "",
            "CREATE CONVERSION conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;",
            "CREATE DEFAULT CONVERSION conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;",
            "conversion",
        ),
        attribute(
            "table access method",
            "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler; CREATE TABLE t (id int);",
            "",
            "ALTER TABLE t SET ACCESS METHOD heap2;",
            "table",
        ),
        attribute(
            "materialized view access method",
            "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler; \
             CREATE MATERIALIZED VIEW mv AS SELECT 1 AS x;",
            "",
            "ALTER MATERIALIZED VIEW mv SET ACCESS METHOD heap2;",
            "materialized view access method",
        ),
        attribute("grant on a server", FDW, "", "GRANT USAGE ON FOREIGN SERVER s TO PUBLIC;", "foreign server"),
        attribute(
            "grant on an extension member",
            "CREATE EXTENSION pg_trgm;",
            "",
            "GRANT EXECUTE ON FUNCTION similarity(text, text) TO pgdrift_reader;",
            "function",
        ),
        attribute(
            "grant on a view column",
            "CREATE VIEW v AS SELECT 1 AS x;",
            "",
            "GRANT SELECT (x) ON v TO pgdrift_reader;",
            "column",
        ),
        attribute("owner revokes its own rights", TABLE, "", "REVOKE UPDATE ON t FROM CURRENT_USER;", "table"),
        attribute(
            "event trigger enabled state",
            "CREATE FUNCTION et() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$; \
             CREATE EVENT TRIGGER etr ON ddl_command_start EXECUTE FUNCTION et();",
            "",
            "ALTER EVENT TRIGGER etr DISABLE;",
            "event trigger",
        ),
        attribute(
            "statistics target",
            "CREATE TABLE t (id int, body text); CREATE STATISTICS st ON id, body FROM t;",
            "",
            "ALTER STATISTICS st SET STATISTICS 10;",
            "statistics",
        ),
    ]
}

/// The kind labels a diff from `a` to `b` shows: its changes' object kinds and its unmodelled differences.
fn shown(a: &TestDb, b: &TestDb) -> Result<Vec<String>, String> {
    let cmp = pgdrift::compare(&a.source(), &b.source(), &Filter::default()).map_err(|e| e.to_string())?;
    let mut kinds: Vec<String> = cmp.plan.steps.iter().map(|s| s.change.id.kind.label().to_string()).collect();
    kinds.extend(cmp.plan.unmodelled.iter().map(|u| u.kind.clone()));
    kinds.sort();
    kinds.dedup();
    Ok(kinds)
}

fn run(case: &Case) -> Result<(), String> {
    let tag = case.name.replace(' ', "_");
    let a = TestDb::with(&format!("ns_a_{tag}"), &format!("{}\n{}", case.both, case.a))?;
    let b = TestDb::with(&format!("ns_b_{tag}"), &format!("{}\n{}", case.both, case.b));
    let result = b.as_ref().map_err(Clone::clone).and_then(|b| {
        for (from, to, way) in [(&a, b, "A -> B"), (b, &a, "B -> A")] {
            let kinds = shown(from, to)?;
            if !kinds.iter().any(|k| k == case.shows) {
                return Err(format!("{}: {way} does not show `{}` (shows {kinds:?})", case.name, case.shows));
            }
        }
        Ok(())
    });
    if !case.cleanup.is_empty() {
        for db in [Some(&a), b.as_ref().ok()].into_iter().flatten() {
            let _ = db.client().batch_execute(case.cleanup);
        }
    }
    result
}

fn run_all(cases: Vec<Case>) {
    crate::harness::ensure_fixture_roles();
    let failures: Vec<String> = std::thread::scope(|s| {
        let chunks: Vec<Vec<&Case>> = (0..4).map(|i| cases.iter().skip(i).step_by(4).collect()).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| s.spawn(move || chunk.into_iter().filter_map(|c| run(c).err()).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("case thread")).collect()
    });
    assert!(failures.is_empty(), "{} case(s) silent:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_kind_shows_in_a_diff() {
    run_all(kinds());
}

#[test]
fn every_attribute_shows_in_a_diff() {
    run_all(attributes());
}
