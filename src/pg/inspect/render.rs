//! Client-side rendering of primary keys, foreign keys and plain indexes, byte for byte as the server's
//! `pg_get_constraintdef` / `pg_get_indexdef` render them, from raw catalog arrays and the column names
//! the inspector already holds. The server's functions fill cold caches one object at a time (the largest
//! cost of a large inspection); what this module cannot render exactly is left to them.

use smol_str::SmolStr as Name;
use std::collections::{HashMap, HashSet};

/// Identifier quoting exactly as the server's `quote_ident` does under `quote_all_identifiers = off`:
/// bare when the name is lower-case letters, digits and underscores, starts with a letter or underscore, and
/// is not a keyword the server reserves in any way (its list comes from `pg_get_keywords()`).
pub(crate) struct Quoter {
    keywords: HashSet<String>,
}

impl Quoter {
    pub fn new(keywords: impl IntoIterator<Item = String>) -> Self {
        Quoter { keywords: keywords.into_iter().collect() }
    }

    pub fn push(&self, out: &mut String, name: &str) {
        let bare = name.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
            && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            && !self.keywords.contains(name);
        if bare {
            out.push_str(name);
        } else {
            out.push('"');
            out.push_str(&name.replace('"', "\"\""));
            out.push('"');
        }
    }

    pub fn quote(&self, name: &str) -> String {
        let mut s = String::with_capacity(name.len() + 2);
        self.push(&mut s, name);
        s
    }
}

/// What the renderer knows of in-scope tables: their names and their columns' names and collations.
#[derive(Default)]
pub(crate) struct Columns {
    /// (table oid, attnum) -> (column name, collation oid)
    pub attrs: HashMap<(u32, i16), (Name, u32)>,
}

impl Columns {
    fn name(&self, table: u32, attnum: i16) -> Option<&str> {
        self.attrs.get(&(table, attnum)).map(|(n, _)| n.as_str())
    }

    /// `a, "B"` for attnums of one table; None when one is not known (an expression slot is 0).
    fn list(&self, q: &Quoter, out: &mut String, table: u32, attnums: &[i16]) -> Option<()> {
        for (i, &n) in attnums.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            q.push(out, self.name(table, n)?);
        }
        Some(())
    }
}

/// The raw catalog fields of a primary key or foreign key constraint.
pub(crate) struct KeyConstraint<'a> {
    pub kind: &'a str,
    pub table: u32,
    pub keys: &'a [i16],
    /// Index columns after the key columns (a primary key's INCLUDE list), all attnums of the index.
    pub index_keys: &'a [i16],
    pub index_key_count: usize,
    pub ref_table: Option<(&'a str, &'a str, u32)>,
    pub ref_keys: &'a [i16],
    pub match_type: &'a str,
    pub on_update: &'a str,
    pub on_delete: &'a str,
    pub deferrable: bool,
    pub deferred: bool,
}

fn action(code: &str) -> Option<&'static str> {
    match code {
        "a" => Some(""),
        "r" => Some("RESTRICT"),
        "c" => Some("CASCADE"),
        "n" => Some("SET NULL"),
        "d" => Some("SET DEFAULT"),
        _ => None,
    }
}

/// `pg_get_constraintdef` of a primary or foreign key without its ` NOT VALID` suffix; None when a name
/// is unknown here or a field has a value this renderer does not handle (the server renders it then).
pub(crate) fn key_constraint(q: &Quoter, cols: &Columns, c: &KeyConstraint) -> Option<String> {
    let mut s = String::with_capacity(64);
    match c.kind {
        "p" => {
            s.push_str("PRIMARY KEY (");
            cols.list(q, &mut s, c.table, c.keys)?;
            s.push(')');
            if c.index_keys.len() > c.index_key_count {
                s.push_str(" INCLUDE (");
                cols.list(q, &mut s, c.table, &c.index_keys[c.index_key_count..])?;
                s.push(')');
            }
        }
        "f" => {
            let (schema, name, oid) = c.ref_table?;
            s.push_str("FOREIGN KEY (");
            cols.list(q, &mut s, c.table, c.keys)?;
            s.push_str(") REFERENCES ");
            q.push(&mut s, schema);
            s.push('.');
            q.push(&mut s, name);
            s.push('(');
            cols.list(q, &mut s, oid, c.ref_keys)?;
            s.push(')');
            match c.match_type {
                "s" => {}
                "f" => s.push_str(" MATCH FULL"),
                "p" => s.push_str(" MATCH PARTIAL"),
                _ => return None,
            }
            for (word, code) in [(" ON UPDATE ", c.on_update), (" ON DELETE ", c.on_delete)] {
                let act = action(code)?;
                if !act.is_empty() {
                    s.push_str(word);
                    s.push_str(act);
                }
            }
        }
        _ => return None,
    }
    if c.deferrable {
        s.push_str(" DEFERRABLE");
    }
    if c.deferred {
        s.push_str(" INITIALLY DEFERRED");
    }
    Some(s)
}

/// The raw catalog fields of an index whose columns are plain column references with default operator
/// classes and no storage parameters.
pub(crate) struct PlainIndex<'a> {
    pub name: &'a str,
    pub schema: &'a str,
    pub table_name: &'a str,
    pub table: u32,
    pub method: &'a str,
    pub unique: bool,
    pub nulls_not_distinct: bool,
    pub keys: &'a [i16],
    pub key_count: usize,
    pub options: &'a [i16],
    pub collations: &'a [u32],
    pub predicate: Option<&'a str>,
    /// The one expression key (attnum 0) as rendered, with its collation.
    pub expression: Option<(&'a str, u32)>,
}

const INDOPTION_DESC: i16 = 1;
const INDOPTION_NULLS_FIRST: i16 = 2;

/// `pg_get_indexdef` of a plain index (` ON ` even for a partitioned table's, which the server writes
/// `ON ONLY`); None when a key's collation differs from its column's (the server renders it then).
pub(crate) fn plain_index(q: &Quoter, cols: &Columns, i: &PlainIndex) -> Option<String> {
    let mut expression = i.expression;
    let mut s = String::with_capacity(96);
    s.push_str(if i.unique { "CREATE UNIQUE INDEX " } else { "CREATE INDEX " });
    q.push(&mut s, i.name);
    s.push_str(" ON ");
    q.push(&mut s, i.schema);
    s.push('.');
    q.push(&mut s, i.table_name);
    s.push_str(" USING ");
    s.push_str(i.method);
    s.push_str(" (");
    for (k, &attnum) in i.keys.iter().enumerate() {
        if k == i.key_count {
            s.push_str(") INCLUDE (");
        } else if k > 0 {
            s.push_str(", ");
        }
        let collation = if attnum == 0 {
            // Written as is when it looks like a function call (pg_get_indexdef's looks_like_function).
            let (text, collation) = expression.take()?;
            s.push_str(text);
            collation
        } else {
            let (name, collation) = cols.attrs.get(&(i.table, attnum))?;
            q.push(&mut s, name);
            *collation
        };
        if k >= i.key_count {
            continue;
        }
        let own = *i.collations.get(k)?;
        if own != 0 && own != collation {
            return None;
        }
        if i.method == "btree" {
            let opt = *i.options.get(k)?;
            let desc = opt & INDOPTION_DESC != 0;
            let nulls_first = opt & INDOPTION_NULLS_FIRST != 0;
            if desc {
                s.push_str(" DESC");
            }
            match (desc, nulls_first) {
                (true, false) => s.push_str(" NULLS LAST"),
                (false, true) => s.push_str(" NULLS FIRST"),
                _ => {}
            }
        }
    }
    s.push(')');
    // Every expression is used exactly once.
    if expression.is_some() {
        return None;
    }
    if i.nulls_not_distinct {
        s.push_str(" NULLS NOT DISTINCT");
    }
    if let Some(p) = i.predicate {
        s.push_str(" WHERE ");
        s.push_str(p);
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoter() -> Quoter {
        Quoter::new(["select".to_string(), "order".to_string(), "user".to_string()])
    }

    #[test]
    fn quotes_like_quote_ident() {
        let q = quoter();
        for (name, want) in [
            ("plain_1", "plain_1"),
            ("_x", "_x"),
            ("Mixed", "\"Mixed\""),
            ("1st", "\"1st\""),
            ("a b", "\"a b\""),
            ("order", "\"order\""),
            ("we\"ird", "\"we\"\"ird\""),
            ("été", "\"été\""),
            ("", "\"\""),
        ] {
            assert_eq!(q.quote(name), want, "{name}");
        }
    }

    #[test]
    fn unknown_columns_and_collations_are_left_to_the_server() {
        let q = quoter();
        let mut cols = Columns::default();
        cols.attrs.insert((1, 1), ("id".into(), 0));
        cols.attrs.insert((1, 2), ("name".into(), 100));
        let pk = KeyConstraint {
            kind: "p",
            table: 1,
            keys: &[1, 3],
            index_keys: &[1, 3],
            index_key_count: 2,
            ref_table: None,
            ref_keys: &[],
            match_type: "s",
            on_update: "a",
            on_delete: "a",
            deferrable: false,
            deferred: false,
        };
        assert_eq!(key_constraint(&q, &cols, &pk), None);
        let pk = KeyConstraint { keys: &[1], index_keys: &[1, 2], index_key_count: 1, ..pk };
        assert_eq!(key_constraint(&q, &cols, &pk).as_deref(), Some("PRIMARY KEY (id) INCLUDE (name)"));
        let idx = PlainIndex {
            name: "i",
            schema: "public",
            table_name: "user",
            table: 1,
            method: "btree",
            unique: false,
            nulls_not_distinct: false,
            keys: &[2],
            key_count: 1,
            options: &[3],
            collations: &[950],
            predicate: None,
            expression: None,
        };
        assert_eq!(plain_index(&q, &cols, &idx), None);
        let idx = PlainIndex { collations: &[100], ..idx };
        assert_eq!(
            plain_index(&q, &cols, &idx).as_deref(),
            Some("CREATE INDEX i ON public.\"user\" USING btree (name DESC)")
        );
    }
}
