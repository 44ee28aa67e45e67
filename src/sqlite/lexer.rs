//! A tokenizer for the SQL text SQLite keeps in `sqlite_schema`, and a canonical rendering of token runs
//! (whitespace and comments normalized) so that equal definitions compare equal however they were typed.

/// What a token is; quoted identifiers are unquoted into `Ident`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    /// A bare word: keyword or unquoted identifier, as written.
    Word(String),
    /// A quoted identifier (`"x"`, `` `x` ``, `[x]`), unquoted.
    Ident(String),
    /// A string literal, with its quotes as written (`'it''s'`).
    Str(String),
    /// A number or blob literal (`42`, `1.5e3`, `x'00ff'`), as written.
    Num(String),
    /// Punctuation and operators (`(`, `)`, `,`, `<=`, `||`, ...).
    Op(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    /// Byte span in the source text.
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// Whether this is the bare word `kw` (case-insensitive).
    pub fn is(&self, kw: &str) -> bool {
        matches!(&self.tok, Tok::Word(w) if w.eq_ignore_ascii_case(kw))
    }
    pub fn is_op(&self, op: &str) -> bool {
        matches!(&self.tok, Tok::Op(o) if o == op)
    }
    /// The identifier this token names (bare or quoted).
    pub fn name(&self) -> Option<&str> {
        match &self.tok {
            Tok::Word(w) | Tok::Ident(w) => Some(w),
            // SQLite accepts 'x' where an identifier is expected.
            Tok::Str(s) => Some(s.get(1..s.len().saturating_sub(1)).unwrap_or("")),
            _ => None,
        }
    }
}

/// Split `sql` into tokens. Unterminated quotes and comments run to the end (SQLite rejected such text
/// already, so this only has to be total, not strict).
pub fn tokenize(sql: &str) -> Vec<Token> {
    tokenize_with(sql, true)
}

/// Tokens of Postgres SQL: `[` and `]` are array brackets, not identifier quotes.
pub fn tokenize_pg(sql: &str) -> Vec<Token> {
    tokenize_with(sql, false)
}

fn tokenize_with(sql: &str, bracket_quotes: bool) -> Vec<Token> {
    let b = sql.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b'-' && b.get(i + 1) == Some(&b'-') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                i += 1;
            }
            i = (i + 2).min(b.len());
            continue;
        }
        let tok = match c {
            b'\'' => {
                i = quoted_end(b, i, b'\'');
                Tok::Str(sql[start..i].to_string())
            }
            b'"' | b'`' => {
                i = quoted_end(b, i, c);
                let inner = &sql[start + 1..inner_end(b, start, i, c)];
                let q = c as char;
                Tok::Ident(inner.replace(&format!("{q}{q}"), &q.to_string()))
            }
            b'[' if bracket_quotes => {
                while i < b.len() && b[i] != b']' {
                    i += 1;
                }
                i = (i + 1).min(b.len());
                Tok::Ident(sql[start + 1..inner_end(b, start, i, b']')].to_string())
            }
            b'x' | b'X' if b.get(i + 1) == Some(&b'\'') => {
                i = quoted_end(b, i + 1, b'\'');
                Tok::Num(sql[start..i].to_string())
            }
            b'0'..=b'9' => {
                i = number_end(b, i);
                Tok::Num(sql[start..i].to_string())
            }
            b'.' if b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i = number_end(b, i);
                Tok::Num(sql[start..i].to_string())
            }
            _ if c == b'_' || c == b'$' || c.is_ascii_alphabetic() || c >= 0x80 => {
                while i < b.len() && (b[i] == b'_' || b[i] == b'$' || b[i].is_ascii_alphanumeric() || b[i] >= 0x80) {
                    i += 1;
                }
                Tok::Word(sql[start..i].to_string())
            }
            _ => {
                const TWO: [&str; 8] = ["<=", ">=", "<>", "!=", "==", "||", "<<", ">>"];
                let two = sql.get(i..i + 2).filter(|s| TWO.contains(s));
                i += two.map_or(1, |_| 2);
                while !sql.is_char_boundary(i) {
                    i += 1;
                }
                Tok::Op(sql[start..i].to_string())
            }
        };
        out.push(Token { tok, start, end: i });
    }
    out
}

/// End of the text inside a quoted token that spans `start..end`: before the closing quote when there is
/// one (an ASCII byte, so a char boundary), else the end of the input.
fn inner_end(b: &[u8], start: usize, end: usize, close: u8) -> usize {
    if end > start + 1 && b[end - 1] == close {
        end - 1
    } else {
        end.max(start + 1)
    }
}

fn quoted_end(b: &[u8], open: usize, q: u8) -> usize {
    let mut i = open + 1;
    while i < b.len() {
        if b[i] == q {
            if b.get(i + 1) == Some(&q) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    b.len()
}

fn number_end(b: &[u8], mut i: usize) -> usize {
    if b[i] == b'0' && matches!(b.get(i + 1), Some(b'x' | b'X')) {
        i += 2;
        while i < b.len() && b[i].is_ascii_hexdigit() {
            i += 1;
        }
        return i;
    }
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
        i += 1;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        if j < b.len() && b[j].is_ascii_digit() {
            i = j;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    i
}

/// Quote an identifier for SQLite (double quotes, doubled inside).
pub fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Tokens rendered canonically: one space between tokens, none inside parentheses or before commas, none
/// between a function name and its `(`; identifiers quoted only when they need it.
pub fn canonical(tokens: &[Token]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Tok> = None;
    for t in tokens {
        let text = match &t.tok {
            Tok::Word(w) => w.clone(),
            Tok::Ident(w) if is_plain(w) => w.clone(),
            Tok::Ident(w) => quote(w),
            Tok::Str(s) | Tok::Num(s) | Tok::Op(s) => s.clone(),
        };
        let space = match (prev, &t.tok) {
            (None, _) => false,
            (Some(Tok::Op(p)), _) if p == "(" || p == "." => false,
            (Some(_), Tok::Op(o)) if o == ")" || o == "," || o == "." || o == ";" => false,
            (Some(Tok::Word(w)), Tok::Op(o)) if o == "(" => is_keyword_before_paren(w),
            (Some(Tok::Ident(_)), Tok::Op(o)) if o == "(" => false,
            _ => true,
        };
        if space {
            out.push(' ');
        }
        out.push_str(&text);
        prev = Some(&t.tok);
    }
    out
}

/// Words after which `(` starts a list or subquery rather than a call's arguments.
fn is_keyword_before_paren(w: &str) -> bool {
    const KW: [&str; 14] =
        ["IN", "AND", "OR", "NOT", "AS", "EXISTS", "ON", "WHERE", "SELECT", "VALUES", "CHECK", "KEY", "THEN", "ELSE"];
    KW.iter().any(|k| k.eq_ignore_ascii_case(w))
}

/// An identifier that needs no quotes in SQLite: plain ASCII word, not a keyword we might collide with.
pub fn is_plain(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_ascii_lowercase())
        && chars.all(|c| c == '_' || c.is_ascii_lowercase() || c.is_ascii_digit())
        && !RESERVED.iter().any(|k| k.eq_ignore_ascii_case(w))
}

const RESERVED: [&str; 40] = [
    "add",
    "all",
    "alter",
    "and",
    "as",
    "between",
    "by",
    "case",
    "check",
    "collate",
    "column",
    "constraint",
    "create",
    "default",
    "delete",
    "distinct",
    "drop",
    "else",
    "end",
    "exists",
    "foreign",
    "from",
    "group",
    "having",
    "in",
    "index",
    "insert",
    "into",
    "is",
    "key",
    "not",
    "null",
    "on",
    "or",
    "order",
    "primary",
    "references",
    "select",
    "table",
    "where",
];

/// Quote an identifier only when it needs quoting.
pub fn ident(name: &str) -> String {
    if is_plain(name) {
        name.to_string()
    } else {
        quote(name)
    }
}

/// Split `tokens` at depth-0 commas.
pub fn split_commas(tokens: &[Token]) -> Vec<&[Token]> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut from = 0;
    for (i, t) in tokens.iter().enumerate() {
        if t.is_op("(") {
            depth += 1;
        } else if t.is_op(")") {
            depth -= 1;
        } else if depth == 0 && t.is_op(",") {
            parts.push(&tokens[from..i]);
            from = i + 1;
        }
    }
    if from < tokens.len() {
        parts.push(&tokens[from..]);
    }
    parts
}

/// Index of the `)` matching the `(` at `open`, or the end.
pub fn matching(tokens: &[Token], open: usize) -> usize {
    let mut depth = 0;
    for (i, t) in tokens.iter().enumerate().skip(open) {
        if t.is_op("(") {
            depth += 1;
        } else if t.is_op(")") {
            depth -= 1;
            if depth == 0 {
                return i;
            }
        }
    }
    tokens.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_form_ignores_layout_and_comments() {
        let a = canonical(&tokenize("length( name )>0 AND \"x\" IN (1,2) -- note\n"));
        let b = canonical(&tokenize("length(name) > 0   AND x IN(1 , 2)/* c */"));
        assert_eq!(a, b);
        assert_eq!(a, "length(name) > 0 AND x IN (1, 2)");
    }

    #[test]
    fn quotes_and_literals() {
        let t = tokenize("[a b] 'it''s' `q` x'0F' 1.5e3 \"we\"\"ird\"");
        let kinds: Vec<Tok> = t.into_iter().map(|t| t.tok).collect();
        assert_eq!(
            kinds,
            vec![
                Tok::Ident("a b".into()),
                Tok::Str("'it''s'".into()),
                Tok::Ident("q".into()),
                Tok::Num("x'0F'".into()),
                Tok::Num("1.5e3".into()),
                Tok::Ident("we\"ird".into()),
            ]
        );
        assert_eq!(ident("we\"ird"), "\"we\"\"ird\"");
        assert_eq!(ident("order"), "\"order\"");
        assert_eq!(ident("plain_1"), "plain_1");
    }
}
