//! Postgres type (as format_type renders it) -> Python annotation, and Python naming rules.

use crate::model::{Catalog, QName};
use std::collections::BTreeMap;

/// Python names of the generated classes for enums and composite types, by their SQL name.
#[derive(Default)]
pub struct Names {
    pub enums: BTreeMap<QName, String>,
    pub composites: BTreeMap<QName, String>,
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case", "type",
];

/// Whether `s` can be a Python identifier (attribute or class name).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && !KEYWORDS.contains(&s)
}

/// `order_items` -> `OrderItems`; anything that is not a letter or digit separates words.
pub fn pascal(s: &str) -> String {
    let mut out = String::new();
    for word in s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// An enum member name for a label: upper snake case, made valid and unique by the caller.
pub fn member(label: &str) -> String {
    let mut s: String =
        label.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
        s.insert(1, '_');
    }
    s
}

/// Split a qualified type name as format_type renders it (`public.mood`, `"Sales"."Order Status"`).
fn parse_qualified(t: &str) -> Option<QName> {
    let parts = crate::model::split_quoted(t, '.');
    (parts.len() == 2).then(|| QName::new(&parts[0], &parts[1]))
}

/// The Python annotation for a column type; `imports` collects the modules it needs and `unknown` the SQL
/// types that became `Any`.
pub fn annotation(
    cat: &Catalog,
    names: &Names,
    t: &str,
    imports: &mut std::collections::BTreeSet<&'static str>,
    unknown: &mut Vec<String>,
) -> String {
    if let Some(inner) = t.strip_suffix("[]") {
        return format!("list[{}]", annotation(cat, names, inner, imports, unknown));
    }
    let base = t.split('(').next().unwrap_or(t).trim();
    let simple = match base {
        "smallint" | "integer" | "bigint" | "oid" => Some("int"),
        "real" | "double precision" => Some("float"),
        "numeric" | "money" => {
            imports.insert("decimal");
            Some("decimal.Decimal")
        }
        "text" | "character varying" | "character" | "bpchar" | "name" | "citext" | "inet" | "cidr" | "macaddr"
        | "xml" | "tsvector" => Some("str"),
        "boolean" => Some("bool"),
        "uuid" => {
            imports.insert("uuid");
            Some("uuid.UUID")
        }
        "date" => {
            imports.insert("datetime");
            Some("datetime.date")
        }
        "timestamp without time zone" | "timestamp with time zone" => {
            imports.insert("datetime");
            Some("datetime.datetime")
        }
        "time without time zone" | "time with time zone" => {
            imports.insert("datetime");
            Some("datetime.time")
        }
        "interval" => {
            imports.insert("datetime");
            Some("datetime.timedelta")
        }
        "bytea" => Some("bytes"),
        "json" | "jsonb" => Some("Json"),
        _ => None,
    };
    if let Some(s) = simple {
        return s.to_string();
    }
    // timestamp(3) with time zone and friends carry the precision inside the name.
    if base.starts_with("timestamp") {
        imports.insert("datetime");
        return "datetime.datetime".into();
    }
    if base.starts_with("time") {
        imports.insert("datetime");
        return "datetime.time".into();
    }
    if let Some(q) = parse_qualified(t) {
        if q.name == "citext" {
            return "str".into();
        }
        if let Some(n) = names.enums.get(&q).or_else(|| names.composites.get(&q)) {
            return n.clone();
        }
        if let Some(d) = cat.domains.get(&q) {
            return annotation(cat, names, &d.base, imports, unknown);
        }
    }
    imports.insert("typing.Any");
    unknown.push(t.to_string());
    "Any".into()
}
