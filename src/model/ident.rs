//! Quoting for emitted SQL: identifiers double-quoted (as the server's `quote_ident` for names it prints),
//! string literals single-quoted.

use std::fmt;

/// An identifier rendered as SQL: always double-quoted, embedded quotes doubled. Names in the model are
/// stored unquoted and canonical; this is the only place they become SQL.
#[derive(Clone, Copy, Debug)]
pub struct Ident<'a>(pub &'a str);

impl fmt::Display for Ident<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for ch in self.0.chars() {
            if ch == '"' {
                f.write_str("\"\"")?;
            } else {
                write!(f, "{ch}")?;
            }
        }
        f.write_str("\"")
    }
}

/// A role or other name written the way `quote_ident` writes it: bare when it is a lower-case identifier
/// that is not a keyword PostgreSQL reserves in any context, double-quoted otherwise. For names that print
/// as a server would (policy roles); everything pgdrift writes on its own uses `Ident`.
#[derive(Clone, Copy, Debug)]
pub struct QuotedAsNeeded<'a>(pub &'a str);

/// Keywords that are not unreserved (`pg_get_keywords()` with `catcode <> 'U'`) in PostgreSQL 15, and
/// those later releases added: quoting a name too many is harmless, too few is a syntax error.
const KEYWORDS: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "json",
    "json_array",
    "json_arrayagg",
    "json_exists",
    "json_object",
    "json_objectagg",
    "json_query",
    "json_scalar",
    "json_serialize",
    "json_table",
    "json_value",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "merge_action",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
];

impl QuotedAsNeeded<'_> {
    fn is_bare(&self) -> bool {
        let mut chars = self.0.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase() || c == '_');
        first_ok
            && self.0.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && KEYWORDS.binary_search(&self.0).is_err()
    }
}

impl fmt::Display for QuotedAsNeeded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_bare() {
            f.write_str(self.0)
        } else {
            Ident(self.0).fmt(f)
        }
    }
}

/// Names as the server writes them (quoted where needed, doubled quotes inside) separated by `sep`, back
/// into names: `a,"B c"` -> `a`, `B c`; `"Sales"."Order"` with `.` -> `Sales`, `Order`.
pub fn split_quoted(list: &str, sep: char) -> Vec<String> {
    let (mut out, mut cur, mut quoted, mut chars) = (Vec::new(), String::new(), false, list.chars().peekable());
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// A schema-qualified name rendered as `"schema"."name"`.
#[derive(Clone, Copy, Debug)]
pub struct Qualified<'a>(pub &'a str, pub &'a str);

impl fmt::Display for Qualified<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", Ident(self.0), Ident(self.1))
    }
}

/// A string literal: single quotes doubled. Assumes standard_conforming_strings = on (the default since
/// PostgreSQL 9.1), under which backslashes are ordinary characters.
#[derive(Clone, Copy, Debug)]
pub struct Literal<'a>(pub &'a str);

impl fmt::Display for Literal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("'")?;
        f.write_str(&self.0.replace('\'', "''"))?;
        f.write_str("'")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_identifiers_and_literals() {
        assert_eq!(Ident("a\"b").to_string(), "\"a\"\"b\"");
        assert_eq!(Qualified("Sales", "order").to_string(), "\"Sales\".\"order\"");
        assert_eq!(Literal("it's \\n").to_string(), "'it''s \\n'");
    }

    #[test]
    fn quoted_lists_split_back_into_names() {
        assert_eq!(split_quoted("a,\"B c\",\"x,\"\"y\"", ','), vec!["a", "B c", "x,\"y"]);
        assert_eq!(split_quoted("\"Sales\".\"Order.x\"", '.'), vec!["Sales", "Order.x"]);
        assert_eq!(split_quoted("id", ','), vec!["id"]);
    }

    #[test]
    fn quotes_as_needed_like_quote_ident() {
        assert!(KEYWORDS.windows(2).all(|w| w[0] < w[1]), "KEYWORDS must stay sorted");
        for (name, sql) in [
            ("postgres", "postgres"),
            ("app_user_1", "app_user_1"),
            ("a$1", "\"a$1\""),
            ("user", "\"user\""),
            ("Admin", "\"Admin\""),
            ("1st", "\"1st\""),
            ("a-b", "\"a-b\""),
            ("we\"ird", "\"we\"\"ird\""),
            ("", "\"\""),
        ] {
            assert_eq!(QuotedAsNeeded(name).to_string(), sql, "{name}");
        }
    }
}
