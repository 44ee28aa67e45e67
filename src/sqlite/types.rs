//! The documented SQLite <-> Postgres type mapping: type classes, what each side declares for a class,
//! and when two types are equal under the mapping.

/// What a column holds, whatever the dialect spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Integer,
    Real,
    Text,
    Blob,
    Numeric,
    Boolean,
    Timestamp,
    Date,
    Time,
    Json,
    Uuid,
    /// Stored as TEXT in SQLite with a loss (enum labels, arrays, ranges, ...): the string says what.
    Lossy,
}

/// Class of a SQLite declared type (affinity rules, refined by the usual type names).
pub fn of_sqlite(decl: &str) -> Class {
    let u = decl.to_uppercase();
    let has = |s: &str| u.contains(s);
    if has("BOOL") {
        Class::Boolean
    } else if has("TIMESTAMP") || has("DATETIME") {
        Class::Timestamp
    } else if has("INT") {
        Class::Integer
    } else if u.starts_with("DATE") {
        Class::Date
    } else if u.starts_with("TIME") {
        Class::Time
    } else if has("JSON") {
        Class::Json
    } else if has("UUID") {
        Class::Uuid
    } else if has("CHAR") || has("CLOB") || has("TEXT") {
        Class::Text
    } else if has("BLOB") || u.is_empty() {
        Class::Blob
    } else if has("REAL") || has("FLOA") || has("DOUB") {
        Class::Real
    } else {
        Class::Numeric
    }
}

/// Class of a Postgres type as `format_type` renders it; `enum_types` are the catalog's enums (qualified).
pub fn of_pg(ty: &str, is_enum: bool) -> Class {
    if ty.ends_with("[]") || is_enum {
        return Class::Lossy;
    }
    let base = ty.split('(').next().unwrap_or(ty).trim();
    match base {
        "smallint" | "integer" | "bigint" => Class::Integer,
        "real" | "double precision" => Class::Real,
        "text" | "character varying" | "character" | "name" | "\"char\"" | "citext" => Class::Text,
        "bytea" => Class::Blob,
        "numeric" | "money" => Class::Numeric,
        "boolean" => Class::Boolean,
        "timestamp with time zone" | "timestamp without time zone" => Class::Timestamp,
        "date" => Class::Date,
        "time with time zone" | "time without time zone" | "interval" => Class::Time,
        "json" | "jsonb" => Class::Json,
        "uuid" => Class::Uuid,
        _ => Class::Lossy,
    }
}

/// What a new SQLite column declares for a Postgres type.
pub fn sqlite_decl(class: Class) -> &'static str {
    match class {
        Class::Integer => "INTEGER",
        Class::Real => "REAL",
        Class::Text | Class::Lossy => "TEXT",
        Class::Blob => "BLOB",
        Class::Numeric => "NUMERIC",
        Class::Boolean => "BOOLEAN",
        Class::Timestamp => "TIMESTAMP",
        Class::Date => "DATE",
        Class::Time => "TIME",
        Class::Json => "JSON",
        Class::Uuid => "UUID",
    }
}

/// What a new Postgres column declares for a SQLite declared type.
pub fn pg_type(class: Class) -> &'static str {
    match class {
        Class::Integer => "bigint",
        Class::Real => "double precision",
        Class::Text | Class::Lossy => "text",
        Class::Blob => "bytea",
        Class::Numeric => "numeric",
        Class::Boolean => "boolean",
        Class::Timestamp => "timestamp with time zone",
        Class::Date => "date",
        Class::Time => "time without time zone",
        Class::Json => "jsonb",
        Class::Uuid => "uuid",
    }
}

/// Whether a SQLite declared type and a Postgres type hold the same values under the mapping: the same
/// class, or a SQLite TEXT column for anything Postgres stores as text in SQLite (timestamps, json,
/// uuid, enums, arrays), or an INTEGER column for a boolean (stored 0/1).
pub fn equivalent(sqlite: &str, pg: Class) -> bool {
    let s = of_sqlite(sqlite);
    s == pg
        || (s == Class::Text
            && !matches!(pg, Class::Integer | Class::Real | Class::Blob | Class::Numeric | Class::Boolean))
        || (s == Class::Integer && pg == Class::Boolean)
}

/// Parse `--type-map SQLITE=PG` overrides.
pub fn parse_override(s: &str) -> Result<(String, String), String> {
    let (a, b) = s.split_once('=').ok_or_else(|| format!("--type-map {s:?}: expected SQLITE_TYPE=POSTGRES_TYPE"))?;
    Ok((a.trim().to_uppercase(), b.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_equivalence() {
        assert_eq!(of_sqlite("VARCHAR(20)"), Class::Text);
        assert_eq!(of_sqlite("UNSIGNED BIG INT"), Class::Integer);
        assert_eq!(of_sqlite(""), Class::Blob);
        assert_eq!(of_sqlite("DECIMAL(10,2)"), Class::Numeric);
        assert_eq!(of_pg("character varying(20)", false), Class::Text);
        assert_eq!(of_pg("integer[]", false), Class::Lossy);
        assert!(equivalent("INTEGER", of_pg("bigint", false)));
        assert!(equivalent("TEXT", of_pg("timestamp with time zone", false)));
        assert!(equivalent("TEXT", of_pg("mood", true)));
        assert!(equivalent("INTEGER", of_pg("boolean", false)));
        assert!(!equivalent("TEXT", of_pg("integer", false)));
        assert!(!equivalent("REAL", of_pg("text", false)));
    }
}
