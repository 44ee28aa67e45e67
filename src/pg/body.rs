//! What a function body names that pg_depend cannot see: relations, functions and types used inside
//! plpgsql and string (`$$`) SQL bodies, found by parsing the body with pg_query (PostgreSQL's own parser),
//! then resolved against a catalog along the function's search_path. They order a plan softly: the graph
//! keeps such an edge only when it closes no cycle (a check function reading its own table is legal).

use crate::model::{Catalog, Function, Kind, ObjectId, QName};
use serde_json::Value;
use std::collections::BTreeSet;

/// A possibly schema-qualified name as written in a body.
pub type Name = (Option<String>, String);

/// The names a body uses.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct BodyNames {
    pub relations: BTreeSet<Name>,
    pub functions: BTreeSet<Name>,
    pub types: BTreeSet<Name>,
    /// The body builds statements at run time (`EXECUTE`): what those name cannot be known.
    pub dynamic: bool,
}

/// How a function's body is tracked.
#[derive(Debug, PartialEq, Eq)]
pub enum Tracking {
    /// pg_depend records what the body uses (`BEGIN ATOMIC`, C and internal functions).
    Catalog,
    /// Parsed: these names (some may be dynamic).
    Parsed(BodyNames),
    /// Another language, or a body pg_query cannot parse.
    Unknown,
}

fn language(definition: &str) -> Option<&str> {
    let rest = &definition[definition.find("\n LANGUAGE ")? + "\n LANGUAGE ".len()..];
    Some(rest.split_whitespace().next().unwrap_or(""))
}

/// Parse the body of a `pg_get_functiondef` text.
pub fn track(definition: &str) -> Tracking {
    if definition.contains("BEGIN ATOMIC") {
        return Tracking::Catalog;
    }
    match language(definition) {
        Some("c" | "internal") => Tracking::Catalog,
        Some("sql") => sql_body(definition).map_or(Tracking::Unknown, Tracking::Parsed),
        Some("plpgsql") => plpgsql_body(definition).map_or(Tracking::Unknown, Tracking::Parsed),
        _ => Tracking::Unknown,
    }
}

/// The body string (`AS '...'`) of a CREATE FUNCTION text.
fn body_text(definition: &str) -> Option<String> {
    let parsed = pg_query::parse(definition, 0).ok()?;
    for (node, ..) in parsed.protobuf.nodes() {
        if let pg_query::NodeRef::CreateFunctionStmt(s) = node {
            for opt in &s.options {
                if let Some(pg_query::NodeEnum::DefElem(d)) = &opt.node {
                    if d.defname == "as" {
                        return d.arg.as_ref().and_then(|a| strings(a).into_iter().next());
                    }
                }
            }
        }
    }
    None
}

fn sql_body(definition: &str) -> Option<BodyNames> {
    let mut names = BodyNames::default();
    statement(&body_text(definition)?, 0, &mut names).then_some(names)
}

/// Variables plpgsql declares for trigger and event trigger functions.
const TRIGGER_VARIABLES: &str = "new record; old record; tg_op text; tg_name text; tg_when text; tg_level text; \
     tg_table_name text; tg_table_schema text; tg_relname text; tg_relid oid; tg_nargs integer; tg_argv text[]; \
     tg_event text; tg_tag text;";

fn plpgsql_body(definition: &str) -> Option<BodyNames> {
    let trigger = definition.contains("\n RETURNS trigger\n") || definition.contains("\n RETURNS event_trigger\n");
    // libpg_query's JSON for trigger functions is malformed (its trigger variables): the body is parsed as
    // a block inside a plain function that declares those variables.
    let text = if trigger {
        let body = body_text(definition)?;
        let inner = body.trim().trim_end_matches(';');
        format!(
            "CREATE FUNCTION pgdrift_body() RETURNS record LANGUAGE plpgsql AS $pgdrift_body$\n\
             DECLARE {TRIGGER_VARIABLES}\nBEGIN\n{inner};\nEND\n$pgdrift_body$"
        )
    } else {
        definition.to_string()
    };
    let tree = pg_query::parse_plpgsql(&text).ok()?;
    let mut names = BodyNames::default();
    walk_plpgsql(&tree, &mut names).then_some(names)
}

/// Walk the plpgsql tree: every embedded SQL text is parsed; `false` when one does not parse.
fn walk_plpgsql(v: &Value, names: &mut BodyNames) -> bool {
    match v {
        Value::Array(items) => items.iter().all(|i| walk_plpgsql(i, names)),
        Value::Object(map) => {
            if map.contains_key("PLpgSQL_stmt_dynexecute") || map.contains_key("PLpgSQL_stmt_dynfors") {
                names.dynamic = true;
            }
            if let Some(Value::Object(e)) = map.get("PLpgSQL_expr") {
                let mode = e.get("parseMode").and_then(Value::as_i64).unwrap_or(0) as i32;
                if let Some(q) = e.get("query").and_then(Value::as_str) {
                    if !statement(q, mode, names) {
                        return false;
                    }
                }
            }
            if let Some(Value::Object(t)) = map.get("PLpgSQL_type") {
                if let Some(n) = t.get("typname").and_then(Value::as_str) {
                    declared_type(n, names);
                }
            }
            map.values().all(|x| walk_plpgsql(x, names))
        }
        _ => true,
    }
}

/// `item%rowtype`, `item.col%type`, `public.sku`, `int4`.
fn declared_type(typname: &str, names: &mut BodyNames) {
    let lower = typname.to_ascii_lowercase();
    if let Some(rel) = lower.strip_suffix("%rowtype") {
        names.relations.insert(split(rel));
    } else if let Some(col) = lower.strip_suffix("%type") {
        let parts: Vec<&str> = col.split('.').collect();
        if parts.len() >= 2 {
            names.relations.insert(split(&parts[..parts.len() - 1].join(".")));
        }
    } else {
        names.types.insert(split(typname));
    }
}

fn split(name: &str) -> Name {
    let clean = |s: &str| s.trim().trim_matches('"').to_string();
    match name.rsplit_once('.') {
        Some((schema, n)) => (Some(clean(schema)), clean(n)),
        None => (None, clean(name)),
    }
}

fn strings(n: &pg_query::protobuf::Node) -> Vec<String> {
    match &n.node {
        Some(pg_query::NodeEnum::List(l)) => l.items.iter().flat_map(strings).collect(),
        Some(pg_query::NodeEnum::String(s)) => vec![s.sval.clone()],
        _ => Vec::new(),
    }
}

fn qualified(parts: &[pg_query::protobuf::Node]) -> Option<Name> {
    let s: Vec<String> = parts.iter().flat_map(strings).collect();
    match s.as_slice() {
        [name] => Some((None, name.clone())),
        [.., schema, name] => Some((Some(schema.clone()), name.clone())),
        [] => None,
    }
}

/// Parse SQL text (a statement or, by `mode`, a plpgsql expression) and add what it names.
fn statement(sql: &str, mode: i32, names: &mut BodyNames) -> bool {
    // An assignment (`target := expr`): the walk of pg_query does not enter its value; the expression
    // after `:=` is parsed on its own.
    if (3..=5).contains(&mode) {
        let expr = sql.split_once(":=").or_else(|| sql.split_once('=')).map_or(sql, |(_, e)| e);
        return statement(expr, 2, names);
    }
    let Ok(parsed) = pg_query::parse(sql, mode) else {
        return false;
    };
    let nodes = parsed.protobuf.nodes();
    let ctes: BTreeSet<String> = nodes
        .iter()
        .filter_map(|(n, ..)| match n {
            pg_query::NodeRef::CommonTableExpr(c) => Some(c.ctename.clone()),
            _ => None,
        })
        .collect();
    collect(nodes, &ctes, names);
    true
}

fn collect(
    nodes: Vec<(pg_query::NodeRef<'_>, i32, pg_query::Context, bool)>,
    ctes: &BTreeSet<String>,
    names: &mut BodyNames,
) {
    for (node, ..) in nodes {
        match node {
            pg_query::NodeRef::RangeVar(v) => {
                let schema = (!v.schemaname.is_empty()).then(|| v.schemaname.clone());
                if schema.is_none() && ctes.contains(&v.relname) {
                    continue;
                }
                names.relations.insert((schema, v.relname.clone()));
            }
            pg_query::NodeRef::FuncCall(c) => names.functions.extend(qualified(&c.funcname)),
            pg_query::NodeRef::TypeCast(c) => {
                names.types.extend(c.type_name.as_ref().and_then(|t| qualified(&t.names)));
            }
            // pg_query's walk does not enter VALUES lists.
            pg_query::NodeRef::SelectStmt(s) => {
                for v in s.values_lists.iter().filter_map(|v| v.node.as_ref()) {
                    collect(v.nodes(), ctes, names);
                }
            }
            _ => {}
        }
    }
}

/// The schemas unqualified names resolve in: the function's `SET search_path`, else its own schema and
/// public (the usual session path).
fn search_path(f: &Function) -> Vec<String> {
    let set = f.definition.lines().find_map(|l| l.trim_start().strip_prefix("SET search_path TO "));
    let mut path: Vec<String> = match set {
        Some(list) => list.split(',').map(|s| s.trim().trim_matches('\'').trim_matches('"').to_string()).collect(),
        None => vec![f.name.schema.clone(), "public".into()],
    };
    path.retain(|s| !s.is_empty() && s != "$user" && s != "pg_temp" && s != "pg_catalog");
    path
}

/// The objects of `cat` a function's body names (itself excluded), resolved along its search_path.
pub fn references(f: &Function, names: &BodyNames, cat: &Catalog) -> Vec<ObjectId> {
    let path = search_path(f);
    let candidates = |(schema, name): &Name| -> Vec<QName> {
        match schema {
            Some(s) if s == "pg_catalog" => Vec::new(),
            Some(s) => vec![QName::new(s, name)],
            None => path.iter().map(|s| QName::new(s, name)).collect(),
        }
    };
    let mut out = BTreeSet::new();
    for n in &names.relations {
        let found = candidates(n).into_iter().find_map(|q| {
            if cat.tables.contains_key(&q) {
                Some(ObjectId::of(Kind::Table, &q))
            } else if cat.views.contains_key(&q) {
                Some(ObjectId::of(Kind::View, &q))
            } else {
                None
            }
        });
        out.extend(found);
    }
    for n in &names.functions {
        for q in candidates(n) {
            let overloads: Vec<ObjectId> = cat
                .functions
                .range((q.clone(), String::new())..)
                .take_while(|((name, _), _)| *name == q)
                .map(|((name, args), _)| ObjectId::new(Kind::Function, &name.schema, &name.name, args))
                .collect();
            if !overloads.is_empty() {
                out.extend(overloads);
                break;
            }
        }
    }
    for n in &names.types {
        let found = candidates(n).into_iter().find_map(|q| {
            if cat.domains.contains_key(&q) {
                Some(ObjectId::of(Kind::Domain, &q))
            } else if cat.enums.contains_key(&q) {
                Some(ObjectId::of(Kind::Enum, &q))
            } else if cat.composites.contains_key(&q) {
                Some(ObjectId::of(Kind::Composite, &q))
            } else {
                None
            }
        });
        out.extend(found);
    }
    let me = ObjectId::new(Kind::Function, &f.name.schema, &f.name.name, &f.identity_args);
    out.remove(&me);
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: Tracking) -> BodyNames {
        match t {
            Tracking::Parsed(n) => n,
            other => panic!("not parsed: {other:?}"),
        }
    }

    fn n(schema: Option<&str>, name: &str) -> Name {
        (schema.map(str::to_string), name.to_string())
    }

    #[test]
    fn plpgsql_trigger_body_names_tables_functions_casts_and_rowtypes() {
        let def = "CREATE OR REPLACE FUNCTION public.audit()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$\n\
                   DECLARE r item%ROWTYPE; n integer;\nBEGIN\n  SELECT * INTO r FROM item WHERE id = NEW.id;\n  \
                   n := bump(NEW.code) + 1;\n  IF n > (SELECT count(*) FROM log) THEN\n    \
                   INSERT INTO app.log(x) VALUES (n::public.sku);\n  END IF;\n  RETURN NEW;\nEND $function$\n";
        let got = names(track(def));
        assert!(!got.dynamic);
        assert_eq!(got.relations, [n(None, "item"), n(None, "log"), n(Some("app"), "log")].into_iter().collect());
        assert!(got.functions.contains(&n(None, "bump")), "{got:?}");
        assert!(got.types.contains(&n(Some("public"), "sku")));
    }

    #[test]
    fn trigger_body_assigning_to_new_with_a_label_and_declarations() {
        let def = "CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$\n\
                   <<outer>> DECLARE k int;\nBEGIN\n  NEW.total := coalesce(NEW.total, 0);\n  \
                   IF TG_OP = 'INSERT' THEN INSERT INTO audit_log (order_id) VALUES (NEW.id); END IF;\n  \
                   RETURN NEW;\nEND outer;\n$function$\n";
        let got = names(track(def));
        assert_eq!(got.relations, [n(None, "audit_log")].into_iter().collect());
        assert!(!got.dynamic);
    }

    #[test]
    fn sql_body_with_cte_and_dynamic_plpgsql() {
        let def = "CREATE OR REPLACE FUNCTION public.f()\n RETURNS bigint\n LANGUAGE sql\nAS $function$ \
                   WITH t AS (SELECT 1) SELECT count(*) FROM t, orders $function$\n";
        let got = names(track(def));
        assert_eq!(got.relations, [n(None, "orders")].into_iter().collect());
        let dynamic = "CREATE OR REPLACE FUNCTION public.g()\n RETURNS void\n LANGUAGE plpgsql\nAS $function$\n\
                       BEGIN EXECUTE format('TRUNCATE %I', 'x'); END $function$\n";
        assert!(names(track(dynamic)).dynamic);
    }

    #[test]
    fn atomic_c_other_languages_and_broken_bodies() {
        let atomic =
            "CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE sql\nBEGIN ATOMIC\n SELECT 1;\nEND\n";
        assert_eq!(track(atomic), Tracking::Catalog);
        let py = "CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE plpython3u\nAS $function$ return 1 $function$\n";
        assert_eq!(track(py), Tracking::Unknown);
        let broken = "CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE plpgsql\nAS $function$ BEGIN RETURN ( END $function$\n";
        assert_eq!(track(broken), Tracking::Unknown);
    }
}
