//! Quoting for emitted SQL: identifiers always double-quoted, string literals single-quoted.

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
}
