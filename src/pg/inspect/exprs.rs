//! Two more expression shapes rendered here from stored trees, byte for byte as the server's deparser
//! prints them, because they are the common ones and deparsing them on the server opens each table's
//! relation cache entry: a column compared with an integer constant (`CHECK (price > 0)`), and an index
//! expression that is a built-in function of one column (`lower(email)`). The server names the operator or
//! function (looked up by the OID the tree holds); anything else is left to the server.

use super::nodetree::{column, parse, Value};
use super::render::{Columns, Quoter};

/// The built-in binary operator a comparison tree calls, as the catalog query names it.
pub(crate) struct Operator<'a> {
    pub oid: u32,
    pub name: &'a str,
    pub left: u32,
    pub right: u32,
}

/// The built-in one-argument function an index expression calls, as the catalog query names it.
pub(crate) struct Function<'a> {
    pub oid: u32,
    pub name: &'a str,
    pub arg: u32,
}

const INT4: u32 = 23;
const TEXT: u32 = 25;

impl<'a> Operator<'a> {
    /// From the query's `[oid, name, left type, right type]`.
    pub fn from_parts(parts: &'a [String]) -> Option<Self> {
        match parts {
            [oid, name, left, right] => {
                Some(Operator { oid: oid.parse().ok()?, name, left: left.parse().ok()?, right: right.parse().ok()? })
            }
            _ => None,
        }
    }
}

impl<'a> Function<'a> {
    /// From the query's `[oid, name, argument type]`.
    pub fn from_parts(parts: &'a [String]) -> Option<Self> {
        match parts {
            [oid, name, arg] => Some(Function { oid: oid.parse().ok()?, name, arg: arg.parse().ok()? }),
            _ => None,
        }
    }
}

fn num<T: std::str::FromStr>(v: &Value, field: &str) -> Option<T> {
    v.atom(field)?.parse().ok()
}

/// The value of an `int4` constant from its datum bytes. A datum holds the value sign-extended to the
/// word, in the server's byte order: read both ways, only one reading is a valid `int4` (or both agree).
/// Signed and unsigned spellings of a byte are both accepted (`nodeToString` prints C `char`s).
fn int4_const(c: &Value) -> Option<i32> {
    if !c.is("CONST") || num::<u32>(c, "consttype")? != INT4 || c.atom("constisnull")? != "false" {
        return None;
    }
    if c.atom("constbyval")? != "true" || c.atom("consttypmod")? != "-1" {
        return None;
    }
    let Some(Value::List(items)) = c.field("constvalue") else {
        return None;
    };
    let (len, bytes) = items.split_first()?;
    if !matches!(len, Value::Atom("4")) || bytes.len() != 8 {
        return None;
    }
    let mut word = [0u8; 8];
    for (slot, b) in word.iter_mut().zip(bytes) {
        let Value::Atom(b) = b else {
            return None;
        };
        // Printed as C chars: signed on most platforms (-1), unsigned on others (255).
        let byte: i16 = b.parse().ok().filter(|n| (-128..=255).contains(n))?;
        *slot = byte as u8;
    }
    let little = i32::try_from(i64::from_le_bytes(word)).ok();
    let big = i32::try_from(i64::from_be_bytes(word)).ok();
    match (little, big) {
        (Some(l), Some(b)) if l == b => Some(l),
        (Some(v), None) | (None, Some(v)) => Some(v),
        _ => None,
    }
}

/// `(col OP n)`: what `pg_get_expr` prints for a built-in operator applied to a column and an `int4`
/// constant whose types are exactly the operator's (so it needs no qualification). Check constraints
/// wrap it in `CHECK (...)`.
pub(crate) fn comparison(tree: &str, table: u32, cols: &Columns, q: &Quoter, op: &Operator) -> Option<String> {
    let v = parse(tree)?;
    if !v.is("OPEXPR") || num::<u32>(&v, "opno")? != op.oid || v.atom("opretset")? != "false" {
        return None;
    }
    let Some(Value::List(args)) = v.field("args") else {
        return None;
    };
    let [var, constant] = args.as_slice() else {
        return None;
    };
    let (name, type_oid) = column(var, table, cols)?;
    let value = int4_const(constant)?;
    if type_oid != op.left || op.right != INT4 || op.name.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(name.len() + op.name.len() + 16);
    out.push('(');
    q.push(&mut out, name);
    out.push(' ');
    out.push_str(op.name);
    out.push(' ');
    // A negative int4 is printed as a typed literal, so that it re-parses as one constant.
    if value < 0 {
        out.push_str(&format!("'{value}'::integer"));
    } else {
        out.push_str(&value.to_string());
    }
    out.push(')');
    Some(out)
}

/// `name(col)`, or `name((col)::text)` through an implicit binary-compatible cast: what `pg_get_indexdef`
/// prints for an index whose expression list is one call of a built-in function taking exactly the
/// argument's type (so it needs no qualification), with the collation the expression has.
pub(crate) fn function_call(tree: &str, table: u32, cols: &Columns, q: &Quoter, f: &Function) -> Option<(String, u32)> {
    let Value::List(exprs) = parse(tree)? else {
        return None;
    };
    let [call] = exprs.as_slice() else {
        return None;
    };
    if !call.is("FUNCEXPR") || num::<u32>(call, "funcid")? != f.oid {
        return None;
    }
    // A plain call: not a set-returning one, no VARIADIC, written as a call (not a cast).
    if call.atom("funcretset")? != "false" || call.atom("funcvariadic")? != "false" || call.atom("funcformat")? != "0" {
        return None;
    }
    let collation: u32 = num(call, "funccollid")?;
    let Some(Value::List(args)) = call.field("args") else {
        return None;
    };
    let [arg] = args.as_slice() else {
        return None;
    };
    let mut out = String::with_capacity(f.name.len() + 24);
    q.push(&mut out, f.name);
    out.push('(');
    if arg.is("RELABELTYPE") {
        let to: u32 = num(arg, "resulttype")?;
        if to != TEXT || to != f.arg || arg.atom("resulttypmod")? != "-1" || arg.atom("relabelformat")? != "2" {
            return None;
        }
        let (name, _) = column(arg.field("arg")?, table, cols)?;
        out.push('(');
        q.push(&mut out, name);
        out.push_str(")::text");
    } else {
        let (name, type_oid) = column(arg, table, cols)?;
        if type_oid != f.arg {
            return None;
        }
        q.push(&mut out, name);
    }
    out.push(')');
    Some((out, collation))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Columns, Quoter) {
        let mut cols = Columns::default();
        cols.attrs.insert((7, 1), ("id".into(), 0));
        cols.attrs.insert((7, 2), ("Mixed Name".into(), 100));
        (cols, Quoter::new(vec!["select".to_string()]))
    }

    fn check(var_type: u32, bytes: &str) -> String {
        format!(
            "{{OPEXPR :opno 419 :opfuncid 477 :opresulttype 16 :opretset false :opcollid 0 :inputcollid 0 :args \
             ({{VAR :varno 1 :varattno 1 :vartype {var_type} :vartypmod -1 :varcollid 0 :varlevelsup 0 :varnosyn 1 \
             :varattnosyn 1 :location 56}} {{CONST :consttype 23 :consttypmod -1 :constcollid 0 :constlen 4 \
             :constbyval true :constisnull false :location 61 :constvalue 4 [ {bytes} ]}}) :location 59}}"
        )
    }

    const GT: Operator = Operator { oid: 419, name: ">", left: 20, right: 23 };

    #[test]
    fn comparisons_render_like_the_server() {
        let (cols, q) = setup();
        let render = |t: &str| comparison(t, 7, &cols, &q, &GT);
        assert_eq!(render(&check(20, "0 0 0 0 0 0 0 0")).as_deref(), Some("(id > 0)"));
        // Little- and big-endian servers store the same value; negative values are typed literals.
        assert_eq!(render(&check(20, "44 1 0 0 0 0 0 0")).as_deref(), Some("(id > 300)"));
        assert_eq!(render(&check(20, "0 0 0 0 0 0 1 44")).as_deref(), Some("(id > 300)"));
        assert_eq!(render(&check(20, "251 255 255 255 255 255 255 255")).as_deref(), Some("(id > '-5'::integer)"));
        assert_eq!(render(&check(20, "-5 -1 -1 -1 -1 -1 -1 -1")).as_deref(), Some("(id > '-5'::integer)"));
        assert_eq!(render(&check(20, "-1 -1 -1 127 0 0 0 0")).as_deref(), Some("(id > 2147483647)"));
        assert_eq!(render(&check(20, "0 0 0 0 127 -1 -1 -1")).as_deref(), Some("(id > 2147483647)"));
        assert_eq!(render(&check(20, "0 0 0 0 0 0 0 256")), None);
        assert_eq!(render(&check(20, "255 255 255 255 255 255 255 255")).as_deref(), Some("(id > '-1'::integer)"));
        // A column type the operator does not take exactly, a non-int4 word, another operator: the server's.
        assert_eq!(render(&check(23, "0 0 0 0 0 0 0 0")), None);
        assert_eq!(render(&check(20, "1 0 0 0 1 0 0 0")), None);
        assert_eq!(comparison(&check(20, "0 0 0 0 0 0 0 0"), 7, &cols, &q, &Operator { oid: 418, ..GT }), None);
        assert_eq!(render(&check(20, "0 0 0 0")), None);
        assert_eq!(render(&check(20, "0 0 0 0 0 0 0 0").replace(":varno 1", ":varno 2")), None);
        assert_eq!(render(&check(20, "0 0 0 0 0 0 0 0").replace(":varattno 1", ":varattno 3")), None);
        let null = check(20, "0 0 0 0 0 0 0 0").replace(
            ":constisnull false :location 61 :constvalue 4 [ 0 0 0 0 0 0 0 0 ]",
            ":constisnull true :location 61 :constvalue <>",
        );
        assert_eq!(render(&null), None);
    }

    fn call(arg: &str) -> String {
        format!(
            "({{FUNCEXPR :funcid 870 :funcresulttype 25 :funcretset false :funcvariadic false :funcformat 0 \
             :funccollid 100 :inputcollid 100 :args ({arg}) :location 42}})"
        )
    }

    const LOWER: Function = Function { oid: 870, name: "lower", arg: 25 };
    const VAR2: &str = "{VAR :varno 1 :varattno 2 :vartype 25 :vartypmod -1 :varcollid 100 :varlevelsup 0 \
                        :varnosyn 1 :varattnosyn 2 :location 48}";

    #[test]
    fn function_calls_render_like_the_server() {
        let (cols, q) = setup();
        let render = |t: &str| function_call(t, 7, &cols, &q, &LOWER);
        assert_eq!(render(&call(VAR2)), Some(("lower(\"Mixed Name\")".into(), 100)));
        let relabel = format!(
            "{{RELABELTYPE :arg {} :resulttype 25 :resulttypmod -1 :resultcollid 100 :relabelformat 2 :location -1}}",
            VAR2.replace(":vartype 25", ":vartype 1043")
        );
        assert_eq!(render(&call(&relabel)), Some(("lower((\"Mixed Name\")::text)".into(), 100)));
        // A keyword function name is quoted like quote_ident does.
        let f = Function { name: "select", ..LOWER };
        assert_eq!(
            function_call(&call(VAR2), 7, &cols, &q, &f).map(|r| r.0).as_deref(),
            Some("\"select\"(\"Mixed Name\")")
        );
        // Other shapes: a second expression, an explicit cast, an argument of another type, a wrong OID.
        assert_eq!(render(&format!("{} {VAR2})", &call(VAR2)[..call(VAR2).len() - 1])), None);
        assert_eq!(render(&call(&relabel.replace(":relabelformat 2", ":relabelformat 1"))), None);
        assert_eq!(render(&call(&VAR2.replace(":vartype 25", ":vartype 1043"))), None);
        assert_eq!(render(&call(VAR2).replace(":funcid 870", ":funcid 871")), None);
        assert_eq!(render(&call(VAR2).replace(":funcformat 0", ":funcformat 1")), None);
    }
}
