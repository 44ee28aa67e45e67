//! Reading the server's stored expression trees (`nodeToString` text), and the one shape common enough to
//! be worth rendering here for partial indexes: predicates made of `column IS [NOT] NULL` tests (alone or
//! AND-ed), rendered as `pg_get_expr` does. Deparsing them on the server opens every such table's relation
//! cache entry; anything but this shape is left to the server. Other shapes: exprs.rs.

use super::render::{Columns, Quoter};

/// One value of a node tree: `{TYPE :field value ...}`, `(a b ...)`, or a bare token.
#[derive(Debug)]
pub(super) enum Value<'a> {
    Node(&'a str, Vec<(&'a str, Value<'a>)>),
    List(Vec<Value<'a>>),
    Atom(&'a str),
}

impl<'a> Value<'a> {
    pub fn field(&self, name: &str) -> Option<&Value<'a>> {
        match self {
            Value::Node(_, fields) => fields.iter().find(|(f, _)| *f == name).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn atom(&self, name: &str) -> Option<&'a str> {
        match self.field(name)? {
            Value::Atom(a) => Some(a),
            _ => None,
        }
    }
    pub fn is(&self, ty: &str) -> bool {
        matches!(self, Value::Node(t, _) if *t == ty)
    }
}

struct Tokens<'a> {
    s: &'a str,
    at: usize,
}

impl<'a> Tokens<'a> {
    fn next(&mut self) -> Option<&'a str> {
        let b = self.s.as_bytes();
        while self.at < b.len() && b[self.at].is_ascii_whitespace() {
            self.at += 1;
        }
        if self.at >= b.len() {
            return None;
        }
        let start = self.at;
        if matches!(b[start], b'(' | b')' | b'{' | b'}') {
            self.at += 1;
            return Some(&self.s[start..self.at]);
        }
        while self.at < b.len() && !b[self.at].is_ascii_whitespace() && !matches!(b[self.at], b'(' | b')' | b'{' | b'}')
        {
            // A backslash protects the next character (node text escapes delimiters this way).
            self.at += if b[self.at] == b'\\' { 2 } else { 1 };
        }
        self.at = self.at.min(b.len());
        Some(&self.s[start..self.at])
    }

    fn value(&mut self, first: &'a str, depth: usize) -> Option<Value<'a>> {
        if depth > 32 {
            return None;
        }
        match first {
            "{" => {
                let ty = self.next()?;
                let mut fields = Vec::new();
                let mut tok = self.next()?;
                while tok != "}" {
                    let name = tok.strip_prefix(':')?;
                    let v = self.next()?;
                    // A field with an empty value is followed directly by the next field or the end.
                    if v.starts_with(':') || v == "}" {
                        fields.push((name, Value::Atom("")));
                        tok = v;
                        continue;
                    }
                    // A datum: its length, then its bytes in brackets (`:constvalue 4 [ 0 0 0 0 0 0 0 0 ]`).
                    if name == "constvalue" && v != "<>" {
                        if self.next()? != "[" {
                            return None;
                        }
                        let mut bytes = vec![Value::Atom(v)];
                        loop {
                            match self.next()? {
                                "]" => break,
                                b => bytes.push(Value::Atom(b)),
                            }
                        }
                        fields.push((name, Value::List(bytes)));
                        tok = self.next()?;
                        continue;
                    }
                    fields.push((name, self.value(v, depth + 1)?));
                    tok = self.next()?;
                }
                Some(Value::Node(ty, fields))
            }
            "(" => {
                let mut items = Vec::new();
                loop {
                    let t = self.next()?;
                    if t == ")" {
                        return Some(Value::List(items));
                    }
                    items.push(self.value(t, depth + 1)?);
                }
            }
            "}" | ")" => None,
            atom => Some(Value::Atom(atom)),
        }
    }
}

pub(super) fn parse(s: &str) -> Option<Value<'_>> {
    let mut t = Tokens { s, at: 0 };
    let first = t.next()?;
    let v = t.value(first, 0)?;
    t.next().is_none().then_some(v)
}

/// Types whose values are rows: `IS NULL` on them is printed differently (`IS NOT DISTINCT FROM NULL`).
/// Only built-in scalar types are accepted: below 10000 (fixed across installations) minus the row types
/// of the bootstrap catalogs and `record`.
fn scalar_builtin(type_oid: u32) -> bool {
    type_oid < 10000 && !matches!(type_oid, 71 | 75 | 81 | 83 | 2249)
}

/// A plain column of the one relation an expression is about (index, constraint): its name and type.
pub(super) fn column<'c>(var: &Value, table: u32, cols: &'c Columns) -> Option<(&'c str, u32)> {
    if !var.is("VAR") || var.atom("varno")? != "1" || var.atom("varlevelsup")? != "0" {
        return None;
    }
    // PostgreSQL 16+ records the outer joins that can null a column (none here: an empty set `(b)`), 18+
    // whether it is an OLD/NEW reference of RETURNING (0: neither).
    let no_nulling = match var.field("varnullingrels") {
        None => true,
        Some(Value::List(items)) => matches!(items.as_slice(), [Value::Atom("b")]),
        Some(_) => false,
    };
    if !no_nulling || var.atom("varreturningtype").is_some_and(|r| r != "0") {
        return None;
    }
    let attnum: i16 = var.atom("varattno")?.parse().ok().filter(|n| *n > 0)?;
    let type_oid: u32 = var.atom("vartype")?.parse().ok()?;
    let (name, _) = cols.attrs.get(&(table, attnum))?;
    Some((name, type_oid))
}

/// `(col IS [NOT] NULL)` for a NULLTEST on a plain column of `table`.
fn null_test(v: &Value, table: u32, cx: &Context, out: &mut String) -> Option<()> {
    let Context { cols, quoter: q, user_scalar } = cx;
    if !v.is("NULLTEST") || v.atom("argisrow")? != "false" {
        return None;
    }
    let (name, type_oid) = column(v.field("arg")?, table, cols)?;
    if !scalar_builtin(type_oid) && !user_scalar(type_oid) {
        return None;
    }
    out.push('(');
    q.push(out, name);
    out.push_str(match v.atom("nulltesttype")? {
        "0" => " IS NULL)",
        "1" => " IS NOT NULL)",
        _ => return None,
    });
    Some(())
}

/// What rendering a predicate needs: column names, quoting, and which user types are known scalars (an
/// enum's `IS NULL` prints like a built-in's; a composite's does not).
pub(crate) struct Context<'a> {
    pub cols: &'a Columns,
    pub quoter: &'a Quoter,
    pub user_scalar: &'a dyn Fn(u32) -> bool,
}

/// `pg_get_expr(indpred, indrelid)` for a predicate of NULL tests on columns, None for anything else.
pub(crate) fn null_test_predicate(tree: &str, table: u32, cx: &Context) -> Option<String> {
    let v = parse(tree)?;
    let mut out = String::with_capacity(32);
    if v.is("BOOLEXPR") {
        let Some(Value::List(args)) = v.field("args") else {
            return None;
        };
        if v.atom("boolop")? != "and" || args.len() < 2 {
            return None;
        }
        out.push('(');
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                out.push_str(" AND ");
            }
            null_test(a, table, cx, &mut out)?;
        }
        out.push(')');
    } else {
        null_test(&v, table, cx, &mut out)?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Columns, Quoter) {
        let mut cols = Columns::default();
        cols.attrs.insert((7, 1), ("a".into(), 0));
        cols.attrs.insert((7, 2), ("B c".into(), 100));
        cols.attrs.insert((7, 3), ("d".into(), 0));
        (cols, Quoter::new(Vec::new()))
    }

    /// Type 16600 is an enum of the inspected database.
    fn render(tree: &str, cols: &Columns, quoter: &Quoter) -> Option<String> {
        null_test_predicate(tree, 7, &Context { cols, quoter, user_scalar: &|t| t == 16600 })
    }

    const VAR_A: &str = "{VAR :varno 1 :varattno 1 :vartype 23 :vartypmod -1 :varcollid 0 :varlevelsup 0 :varnosyn 1 :varattnosyn 1 :location 29}";

    #[test]
    fn renders_null_tests_like_pg_get_expr() {
        let (cols, q) = setup();
        let single =
            "{NULLTEST :arg {VAR :varno 1 :varattno 2 :vartype 25 :vartypmod -1 :varcollid 100 :varlevelsup 0 \
                      :varnosyn 1 :varattnosyn 2 :location 29} :nulltesttype 1 :argisrow false :location 35}";
        assert_eq!(render(single, &cols, &q).as_deref(), Some("(\"B c\" IS NOT NULL)"));
        let both = format!(
            "{{BOOLEXPR :boolop and :args ({{NULLTEST :arg {VAR_A} :nulltesttype 0 :argisrow false :location 31}} \
             {{NULLTEST :arg {} :nulltesttype 1 :argisrow false :location 45}}) :location -1}}",
            VAR_A.replace(":varattno 1", ":varattno 3")
        );
        assert_eq!(render(&both, &cols, &q).as_deref(), Some("((a IS NULL) AND (d IS NOT NULL))"));
        // PostgreSQL 16+ writes an empty bitmapset of nulling relations.
        let v16 = format!(
            "{{NULLTEST :arg {} :nulltesttype 0 :argisrow false :location 3}}",
            VAR_A.replace(":varlevelsup", ":varnullingrels (b) :varlevelsup")
        );
        assert_eq!(render(&v16, &cols, &q).as_deref(), Some("(a IS NULL)"));
        // An enum of the database is a scalar too.
        let enum_test = format!(
            "{{NULLTEST :arg {} :nulltesttype 1 :argisrow false :location 3}}",
            VAR_A.replace(":vartype 23", ":vartype 16600")
        );
        assert_eq!(render(&enum_test, &cols, &q).as_deref(), Some("(a IS NOT NULL)"));
    }

    #[test]
    fn other_shapes_are_left_to_the_server() {
        let (cols, q) = setup();
        for tree in [
            // OR of tests
            format!("{{BOOLEXPR :boolop or :args ({{NULLTEST :arg {VAR_A} :nulltesttype 0 :argisrow false :location 1}} {{NULLTEST :arg {VAR_A} :nulltesttype 1 :argisrow false :location 1}}) :location -1}}"),
            // a user-defined (maybe composite) type
            format!("{{NULLTEST :arg {} :nulltesttype 0 :argisrow false :location 3}}", VAR_A.replace(":vartype 23", ":vartype 16500")),
            // a row test
            format!("{{NULLTEST :arg {VAR_A} :nulltesttype 0 :argisrow true :location 3}}"),
            // an unknown column
            format!("{{NULLTEST :arg {} :nulltesttype 0 :argisrow false :location 3}}", VAR_A.replace(":varattno 1", ":varattno 9")),
            // an expression instead of a column
            "{NULLTEST :arg {FUNCEXPR :funcid 870 :args <>} :nulltesttype 0 :argisrow false :location 3}".into(),
            // a column some outer join can null
            format!("{{NULLTEST :arg {} :nulltesttype 0 :argisrow false :location 3}}", VAR_A.replace(":varlevelsup", ":varnullingrels (b 2) :varlevelsup")),
            // truncated text
            format!("{{NULLTEST :arg {VAR_A} :nulltesttype 0"),
            "{OPEXPR :opno 521}".into(),
        ] {
            assert_eq!(render(&tree, &cols, &q), None, "{tree}");
        }
    }
}
