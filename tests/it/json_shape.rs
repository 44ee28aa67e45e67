//! The JSON plan is validated against its documented schema (docs/plan.schema.json) with a validator for
//! the subset the schema uses: type (one or several), enum, required, properties, items.

use crate::harness::TestDb;
use serde_json::Value;
use std::process::Command;

fn type_ok(v: &Value, t: &str) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        _ => false,
    }
}

fn validate(v: &Value, schema: &Value, path: &str, errors: &mut Vec<String>) {
    if let Some(t) = schema.get("type") {
        let ok = match t {
            Value::String(t) => type_ok(v, t),
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).any(|t| type_ok(v, t)),
            _ => false,
        };
        if !ok {
            errors.push(format!("{path}: {v} is not of type {t}"));
            return;
        }
    }
    if let Some(Value::Array(allowed)) = schema.get("enum") {
        if !allowed.contains(v) {
            errors.push(format!("{path}: {v} is not one of {allowed:?}"));
        }
    }
    if let Some(Value::Array(req)) = schema.get("required") {
        for r in req.iter().filter_map(Value::as_str) {
            if v.get(r).is_none() {
                errors.push(format!("{path}: missing {r}"));
            }
        }
    }
    if let (Some(Value::Object(props)), Some(obj)) = (schema.get("properties"), v.as_object()) {
        for (k, s) in props {
            if let Some(x) = obj.get(k) {
                validate(x, s, &format!("{path}.{k}"), errors);
            }
        }
        for k in obj.keys().filter(|k| !props.contains_key(*k)) {
            errors.push(format!("{path}: undocumented field {k}"));
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, x) in arr.iter().enumerate() {
            validate(x, items, &format!("{path}[{i}]"), errors);
        }
    }
}

#[test]
fn json_plan_matches_the_documented_schema() {
    let schema: Value = serde_json::from_str(include_str!("../../docs/plan.schema.json")).expect("schema parses");
    let a =
        TestDb::with("jshape_a", "CREATE TABLE gone (id int); CREATE TABLE t (id int PRIMARY KEY, n int);").unwrap();
    let b =
        TestDb::with("jshape_b", "CREATE TABLE t (id int PRIMARY KEY, n bigint NOT NULL); CREATE INDEX t_n ON t (n);")
            .unwrap();
    for extra in [&[][..], &["--online"][..]] {
        let o = Command::new(env!("CARGO_BIN_EXE_pgdrift"))
            .args(["--format", "json", &a.url, &b.url])
            .args(extra)
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
        let mut errors = Vec::new();
        validate(&v, &schema, "$", &mut errors);
        assert!(errors.is_empty(), "{errors:#?}\n{v:#}");
        let steps = v["steps"].as_array().unwrap();
        assert!(steps.iter().any(|s| s["withheld"].is_string() && s["severity"] == "critical"), "{v:#}");
        assert_eq!(v["from"]["fingerprint"].as_str().map(str::len), Some(64));
        if !extra.is_empty() {
            assert!(steps.iter().any(|s| s["group"] == "after_commit"), "online: {v:#}");
        }
    }
    // The validator itself rejects a wrong shape.
    let mut errors = Vec::new();
    validate(&serde_json::json!({"version": 1, "steps": [{"index": "x"}]}), &schema, "$", &mut errors);
    assert!(errors.len() >= 3, "{errors:?}");
}

#[test]
fn markdown_format_groups_differences_with_severities() {
    let a = TestDb::with("md_a", "CREATE TABLE gone (id int); CREATE TABLE t (id int PRIMARY KEY);").unwrap();
    let b = TestDb::with("md_b", "CREATE TABLE t (id int PRIMARY KEY, n int); CREATE INDEX t_n ON t (n);").unwrap();
    let o =
        Command::new(env!("CARGO_BIN_EXE_pgdrift")).args(["--format", "markdown", &a.url, &b.url]).output().unwrap();
    let md = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(3), "the drop is withheld as in the SQL output: {md}");
    assert!(md.starts_with("## Schema drift"), "{md}");
    assert!(md.contains("### table") && md.contains("### index") && md.contains("| critical |"), "{md}");
}
