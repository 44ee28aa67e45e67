//! Expressions and constraint texts compared across dialects: Postgres's identifier quoting, cast-free
//! comparison keys, IN lists, and the parts of key and foreign key definitions.

use super::lexer::{tokenize, tokenize_pg, Tok, Token};
use crate::model::{Constraint, ConstraintKind};

/// Postgres's quote_ident: quotes unless a plain lower-case word that is not a reserved keyword.
pub fn pg_ident(name: &str) -> String {
    const RESERVED: [&str; 30] = [
        "all",
        "and",
        "any",
        "array",
        "as",
        "asc",
        "case",
        "check",
        "collate",
        "column",
        "constraint",
        "create",
        "default",
        "desc",
        "distinct",
        "do",
        "else",
        "end",
        "false",
        "for",
        "foreign",
        "from",
        "group",
        "in",
        "not",
        "null",
        "order",
        "primary",
        "table",
        "user",
    ];
    let plain = name.chars().next().is_some_and(|c| c == '_' || c.is_ascii_lowercase())
        && name.chars().all(|c| c == '_' || c.is_ascii_lowercase() || c.is_ascii_digit());
    if plain && !RESERVED.contains(&name) {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// Tokens without Postgres casts (`::type`, `::character varying(20)`, `::text[]`).
pub(super) fn without_casts(toks: &[Token]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].is_op(":") && toks.get(i + 1).is_some_and(|t| t.is_op(":")) {
            i += 2;
            while i < toks.len() && matches!(toks[i].tok, Tok::Word(_) | Tok::Ident(_)) {
                i += 1;
                // Qualified type names (`public.mood`).
                while toks.get(i).is_some_and(|t| t.is_op("."))
                    && toks.get(i + 1).is_some_and(|t| matches!(t.tok, Tok::Word(_) | Tok::Ident(_)))
                {
                    i += 2;
                }
                if toks.get(i).is_some_and(|t| t.is_op("(")) {
                    i = super::lexer::matching(toks, i) + 1;
                }
                while toks.get(i).is_some_and(|t| t.is_op("[")) && toks.get(i + 1).is_some_and(|t| t.is_op("]")) {
                    i += 2;
                }
                // Multi-word types (`character varying`, `double precision`, `time with time zone`).
                if !toks.get(i).is_some_and(|t| {
                    ["varying", "precision", "with", "without", "time", "zone"].iter().any(|w| t.is(w))
                }) {
                    break;
                }
            }
            continue;
        }
        out.push(toks[i].clone());
        i += 1;
    }
    out
}

/// `x = ANY (ARRAY[a, b])` -> `x IN (a, b)` and `<> ALL (ARRAY[...])` -> `NOT IN (...)`: how Postgres
/// renders IN lists, written back in the form both dialects accept.
pub(super) fn any_array_to_in(toks: &[Token]) -> Vec<Token> {
    let word = |w: &str, at: &Token| Token { tok: Tok::Word(w.into()), start: at.start, end: at.end };
    let op = |o: &str, at: &Token| Token { tok: Tok::Op(o.into()), start: at.start, end: at.end };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let neg = t.is_op("<>") && toks.get(i + 1).is_some_and(|x| x.is("ALL"));
        let pos = t.is_op("=") && toks.get(i + 1).is_some_and(|x| x.is("ANY"));
        if (neg || pos)
            && toks.get(i + 2).is_some_and(|x| x.is_op("("))
            && toks.get(i + 3).is_some_and(|x| x.is("ARRAY"))
            && toks.get(i + 4).is_some_and(|x| x.is_op("["))
        {
            let close = (i + 5..toks.len()).find(|&j| toks[j].is_op("]")).unwrap_or(toks.len());
            if neg {
                out.push(word("NOT", t));
            }
            out.push(word("IN", t));
            out.push(op("(", t));
            out.extend(toks[i + 5..close].iter().cloned());
            out.push(op(")", t));
            // Skip `]` and the `)` that closed `ANY (`.
            i = close + 2;
            continue;
        }
        out.push(t.clone());
        i += 1;
    }
    out
}

/// A comparison key for expressions across dialects: no casts, no parentheses, no schema prefixes,
/// lower case, `now()` = CURRENT_TIMESTAMP, booleans as 0/1.
pub fn expr_key(s: &str) -> String {
    let toks = without_casts(&tokenize_pg(s));
    let mut words: Vec<String> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.is_op("(") || t.is_op(")") {
            i += 1;
            continue;
        }
        if (t.is("public") || t.is("main")) && toks.get(i + 1).is_some_and(|n| n.is_op(".")) {
            i += 2;
            continue;
        }
        let w = match &t.tok {
            Tok::Word(w) | Tok::Ident(w) => w.to_lowercase(),
            Tok::Str(s) | Tok::Num(s) | Tok::Op(s) => s.clone(),
        };
        let w = match w.as_str() {
            "now" => "current_timestamp".to_string(),
            "true" => "1".to_string(),
            "false" => "0".to_string(),
            _ => w,
        };
        words.push(w);
        i += 1;
    }
    // Postgres renders `x IN (a, b)` as `x = ANY (ARRAY[a, b])` and `NOT IN` as `<> ALL (ARRAY[...])`.
    let joined = words.join(" ");
    let joined = joined.replace("= any array [", "in").replace("<> all array [", "not in");
    joined.replace(" ]", "").replace("[ ", "")
}

pub(super) fn same_default(a: Option<&str>, b: Option<&str>) -> bool {
    a.map(expr_key) == b.map(expr_key)
}

/// A constraint reduced to what both dialects express: kind, columns, referenced table and columns, FK
/// actions, CHECK expression.
pub(super) fn constraint_key(c: &Constraint) -> String {
    let toks = tokenize(&c.definition);
    match c.kind {
        ConstraintKind::ForeignKey => match fk_parts(&toks) {
            Some(fk) => format!("fk {:?} {} {:?} {}", fk.columns, fk.table, fk.ref_columns, fk.tail),
            None => c.definition.clone(),
        },
        ConstraintKind::Check => format!("check {}", expr_key(c.definition.trim_start_matches("CHECK"))),
        k => format!("{k:?} {:?}", paren_names(&toks, 0).0),
    }
}

/// Lower-cased names in the first parenthesized list at or after `from`, and the index after it.
pub(super) fn paren_names(toks: &[Token], from: usize) -> (Vec<String>, usize) {
    let Some(open) = (from..toks.len()).find(|&i| toks[i].is_op("(")) else { return (vec![], toks.len()) };
    let close = super::lexer::matching(toks, open);
    let names = super::lexer::split_commas(&toks[open + 1..close.min(toks.len())])
        .into_iter()
        .map(|part| {
            let mut words: Vec<String> = part.iter().filter_map(|t| t.name().map(str::to_lowercase)).collect();
            if words.last().is_some_and(|w| w == "asc") {
                words.pop();
            }
            words.join(" ")
        })
        .collect();
    (names, close + 1)
}

pub(super) struct Fk {
    pub columns: Vec<String>,
    pub table: String,
    pub ref_columns: Vec<String>,
    pub tail: String,
}

pub(super) fn fk_parts(toks: &[Token]) -> Option<Fk> {
    let (columns, _) = paren_names(toks, 0);
    let r = toks.iter().position(|t| t.is("REFERENCES"))?;
    let mut i = r + 1;
    let mut table = toks.get(i)?.name()?.to_string();
    if toks.get(i + 1).is_some_and(|t| t.is_op(".")) {
        table = toks.get(i + 2)?.name()?.to_string();
        i += 2;
    }
    let (ref_columns, after) =
        if toks.get(i + 1).is_some_and(|t| t.is_op("(")) { paren_names(toks, i + 1) } else { (vec![], i + 1) };
    let tail = super::ddl::normalize_fk_tail(toks.get(after..).unwrap_or(&[]));
    Some(Fk { columns, table: table.to_lowercase(), ref_columns, tail })
}

pub(super) fn list(names: &[String], quote: fn(&str) -> String) -> String {
    names.iter().map(|n| quote(n)).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_compare_across_dialects() {
        assert_eq!(
            expr_key("CHECK ((plan = ANY (ARRAY['free'::text, 'pro'::text])))"),
            expr_key("CHECK (plan IN ('free', 'pro'))")
        );
        assert_eq!(expr_key("(price > (0)::numeric)"), expr_key("price > 0"));
        assert_eq!(expr_key("'happy'::public.mood"), expr_key("'happy'"));
        assert_eq!(expr_key("now()"), expr_key("CURRENT_TIMESTAMP"));
        assert_ne!(expr_key("a > 0"), expr_key("a >= 0"));
        assert_eq!(pg_ident("order"), "\"order\"");
        assert_eq!(pg_ident("Name"), "\"Name\"");
        assert_eq!(pg_ident("plain_1"), "plain_1");
    }
}
