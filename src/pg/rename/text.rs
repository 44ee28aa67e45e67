//! Names in definitions the server printed (views, constraints, indexes, triggers, policies, statistics),
//! rewritten the way PostgreSQL's own RENAME leaves them: definitions are stored as trees and print the new
//! name. Identifiers are matched as tokens (never inside string literals); a token that is not really the
//! renamed object can only make a definition differ, so the object is re-created, never wrongly kept.

use crate::model::QuotedAsNeeded;

/// One lexical piece of a definition: an identifier (its name, unquoted or with its quotes undone, and the
/// text it was written as), or any other run of text kept verbatim.
#[derive(Debug, PartialEq)]
enum Token {
    Ident(String, String),
    Other(String),
}

fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut other = String::new();
    let flush = |other: &mut String, out: &mut Vec<Token>| {
        if !other.is_empty() {
            out.push(Token::Other(std::mem::take(other)));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // A string literal ('' inside is a quote): verbatim.
            other.push(c);
            i += 1;
            while i < chars.len() {
                other.push(chars[i]);
                if chars[i] == '\'' {
                    if chars.get(i + 1) == Some(&'\'') {
                        other.push('\'');
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                i += 1;
            }
        } else if c == '"' {
            flush(&mut other, &mut out);
            let start = i;
            let mut name = String::new();
            i += 1;
            while i < chars.len() {
                if chars[i] == '"' {
                    if chars.get(i + 1) == Some(&'"') {
                        name.push('"');
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                name.push(chars[i]);
                i += 1;
            }
            out.push(Token::Ident(name, chars[start..i].iter().collect()));
        } else if c.is_alphabetic() || c == '_' {
            flush(&mut other, &mut out);
            let mut name = String::new();
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$') {
                name.push(chars[i]);
                i += 1;
            }
            out.push(Token::Ident(name.clone(), name));
        } else {
            other.push(c);
            i += 1;
        }
    }
    flush(&mut other, &mut out);
    out
}

fn render(tokens: &[Token]) -> String {
    tokens
        .iter()
        .map(|t| match t {
            Token::Ident(_, raw) | Token::Other(raw) => raw.clone(),
        })
        .collect()
}

fn is_dot(t: Option<&Token>) -> bool {
    matches!(t, Some(Token::Other(s)) if s == ".")
}

/// `qualifier.old` becomes `qualifier.new` wherever `qualifier` is one of `qualifiers` (a table's schema
/// for the table itself; a table's name, or `new`/`old` in a trigger, for its column). Identifiers the
/// rewrite does not touch keep the quoting the server gave them.
pub(crate) fn qualified(text: &str, qualifiers: &[&str], old: &str, new: &str) -> String {
    rewrite(
        text,
        |toks, i| {
            i >= 2
                && is_dot(toks.get(i - 1))
                && matches!(&toks[i - 2], Token::Ident(q, _) if qualifiers.contains(&q.as_str()))
                && matches!(&toks[i], Token::Ident(n, _) if n == old)
        },
        new,
    )
}

/// `old.x` becomes `new.x` for every `x` (a table's name qualifying its columns in a view); `schema.old.x`
/// is left to `qualified`.
pub(crate) fn qualifier(text: &str, old: &str, new: &str) -> String {
    rewrite(
        text,
        |toks, i| {
            matches!(&toks[i], Token::Ident(n, _) if n == old)
                && !(i >= 1 && is_dot(toks.get(i - 1)))
                && is_dot(toks.get(i + 1))
        },
        new,
    )
}

/// A bare `old` (not after a dot, not a function call, not a qualifier) becomes `new`: a column in its own
/// table's constraint, index, policy or statistics.
pub(crate) fn bare(text: &str, old: &str, new: &str) -> String {
    rewrite(
        text,
        |toks, i| {
            let before_dot = i >= 1 && is_dot(toks.get(i - 1));
            let next_other = match toks.get(i + 1) {
                Some(Token::Other(s)) => s.trim_start().chars().next(),
                _ => None,
            };
            matches!(&toks[i], Token::Ident(n, _) if n == old)
                && !before_dot
                && next_other != Some('(')
                && next_other != Some('.')
        },
        new,
    )
}

/// Whether `text` names `name` as an identifier anywhere (string literals aside).
pub(crate) fn mentions(text: &str, name: &str) -> bool {
    tokens(text).iter().any(|t| matches!(t, Token::Ident(n, _) if n == name))
}

/// Rewrite the identifier tokens `hit` selects to `new`; a text without any comes back unchanged, byte for
/// byte.
fn rewrite(text: &str, hit: impl Fn(&[Token], usize) -> bool, new: &str) -> String {
    let toks = tokens(text);
    let hits: Vec<usize> = (0..toks.len()).filter(|&i| matches!(toks[i], Token::Ident(..)) && hit(&toks, i)).collect();
    if hits.is_empty() {
        return text.to_string();
    }
    // The new name is quoted as the server would (quote_ident); everything else keeps its text.
    let mut toks = toks;
    for i in hits {
        toks[i] = Token::Ident(new.to_string(), QuotedAsNeeded(new).to_string());
    }
    render(&toks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualified_names_are_rewritten_only_after_their_qualifier() {
        let view = "SELECT orders.total, o2.total AS t2 FROM public.orders JOIN other.orders o2 ON true";
        assert_eq!(
            qualified(view, &["public"], "orders", "sales"),
            "SELECT orders.total, o2.total AS t2 FROM public.sales JOIN other.orders o2 ON true"
        );
        assert_eq!(
            qualified(view, &["orders"], "total", "amount"),
            "SELECT orders.amount, o2.total AS t2 FROM public.orders JOIN other.orders o2 ON true"
        );
    }

    #[test]
    fn bare_names_skip_strings_calls_and_qualified_uses() {
        let check = "CHECK (((total > (0)::numeric) AND (note <> 'total'::text) AND (total(x) > 1)))";
        assert_eq!(
            bare(check, "total", "amount"),
            "CHECK (((amount > (0)::numeric) AND (note <> 'total'::text) AND (total(x) > 1)))"
        );
        assert_eq!(bare("UNIQUE (\"Total\")", "Total", "amount"), "UNIQUE (amount)");
        assert_eq!(bare("CHECK ((t.total > 0))", "total", "amount"), "CHECK ((t.total > 0))");
        let untouched = "CHECK ((\"x\" > 0))";
        assert_eq!(bare(untouched, "y", "z"), untouched);
    }
}
