//! What the pragmas do not say about a SQLite table, read from its stored `CREATE TABLE` text: constraint
//! names, CHECK expressions, foreign key clauses (with DEFERRABLE), collations, generated expressions,
//! AUTOINCREMENT, STRICT and WITHOUT ROWID.

use super::lexer::{canonical, matching, split_commas, tokenize, Tok, Token};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedTable {
    pub columns: Vec<ParsedColumn>,
    pub constraints: Vec<ParsedConstraint>,
    pub strict: bool,
    pub without_rowid: bool,
    pub autoincrement: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedColumn {
    pub name: String,
    pub collate: Option<String>,
    /// Canonical generated expression and whether it is STORED.
    pub generated: Option<(String, bool)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParsedKind {
    PrimaryKey,
    Unique,
    Check,
    ForeignKey,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedConstraint {
    /// Given with `CONSTRAINT name`.
    pub name: Option<String>,
    pub kind: ParsedKind,
    /// The column it was written on, for column-level constraints.
    pub on_column: Option<String>,
    /// Key columns (canonical text of each indexed column, `COLLATE`/`DESC` kept).
    pub columns: Vec<String>,
    /// CHECK: canonical expression. FOREIGN KEY: canonical clause from `REFERENCES` on.
    pub body: String,
    pub references: Option<ForeignRef>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForeignRef {
    pub table: String,
    /// Empty when the clause names none (the referenced table's primary key).
    pub columns: Vec<String>,
    /// Canonical text after the column list: actions, MATCH, DEFERRABLE.
    pub tail: String,
}

const COLUMN_CONSTRAINT_START: [&str; 11] =
    ["CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS"];

/// Parse a `CREATE TABLE` statement as stored by SQLite.
pub fn parse_create_table(sql: &str) -> ParsedTable {
    let toks = tokenize(sql);
    let mut out = ParsedTable::default();
    let Some(open) = toks.iter().position(|t| t.is_op("(")) else {
        return out;
    };
    let close = matching(&toks, open);
    for t in toks.get(close + 1..).unwrap_or(&[]) {
        if t.is("STRICT") {
            out.strict = true;
        } else if t.is("ROWID") {
            out.without_rowid = true;
        }
    }
    for item in split_commas(&toks[open + 1..close.min(toks.len())]) {
        let Some(first) = item.first() else { continue };
        let table_level = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"].iter().any(|k| first.is(k))
            && !matches!(first.tok, Tok::Ident(_));
        if table_level {
            table_constraint(item, &mut out);
        } else {
            column(item, &mut out);
        }
    }
    out
}

fn column(item: &[Token], out: &mut ParsedTable) {
    let name = item[0].name().unwrap_or_default().to_string();
    let mut col = ParsedColumn { name: name.clone(), ..Default::default() };
    let mut i = 1;
    while i < item.len() && !is_constraint_start(&item[i]) {
        i += if item[i].is_op("(") { matching(item, i) + 1 - i } else { 1 };
    }
    let mut pending_name: Option<String> = None;
    while i < item.len() {
        let t = &item[i];
        if t.is("CONSTRAINT") {
            pending_name = item.get(i + 1).and_then(Token::name).map(str::to_string);
            i += 2;
            continue;
        }
        let cname = pending_name.take();
        if t.is("PRIMARY") {
            let mut j = i + 2;
            while j < item.len() && !is_constraint_start(&item[j]) {
                if item[j].is("AUTOINCREMENT") {
                    out.autoincrement = true;
                }
                j += 1;
            }
            let c = quote_col(&name);
            out.constraints.push(constraint(cname, ParsedKind::PrimaryKey, Some(&name), vec![c], String::new()));
            i = j;
        } else if t.is("UNIQUE") {
            let c = quote_col(&name);
            out.constraints.push(constraint(cname, ParsedKind::Unique, Some(&name), vec![c], String::new()));
            i = skip_conflict(item, i + 1);
        } else if t.is("CHECK") {
            let close = matching(item, i + 1);
            let body = canonical(item.get(i + 2..close).unwrap_or(&[]));
            out.constraints.push(constraint(cname, ParsedKind::Check, Some(&name), vec![], body));
            i = close + 1;
        } else if t.is("COLLATE") {
            col.collate = item.get(i + 1).and_then(Token::name).map(str::to_string);
            i += 2;
        } else if t.is("REFERENCES") {
            let (r, next) = references(item, i);
            let mut c = constraint(cname, ParsedKind::ForeignKey, Some(&name), vec![quote_col(&name)], String::new());
            c.references = Some(r);
            out.constraints.push(c);
            i = next;
        } else if t.is("AS") {
            let close = matching(item, i + 1);
            let expr = canonical(item.get(i + 2..close).unwrap_or(&[]));
            let stored = item.get(close + 1).is_some_and(|t| t.is("STORED"));
            col.generated = Some((expr, stored));
            i = close + 1;
        } else if t.is("DEFAULT") {
            // The pragma reports the default; skip its expression here.
            i += 1;
            if item.get(i).is_some_and(|t| t.is_op("(")) {
                i = matching(item, i) + 1;
            } else {
                if item.get(i).is_some_and(|t| t.is_op("-") || t.is_op("+")) {
                    i += 1;
                }
                i += 1;
            }
        } else {
            // NOT NULL / NULL / GENERATED ALWAYS / ON CONFLICT x / STORED / VIRTUAL: reported by pragmas.
            i += 1;
        }
    }
    out.columns.push(col);
}

fn is_constraint_start(t: &Token) -> bool {
    !matches!(t.tok, Tok::Ident(_)) && COLUMN_CONSTRAINT_START.iter().any(|k| t.is(k))
}

fn skip_conflict(item: &[Token], mut i: usize) -> usize {
    if item.get(i).is_some_and(|t| t.is("ON")) && item.get(i + 1).is_some_and(|t| t.is("CONFLICT")) {
        i += 3;
    }
    i
}

fn constraint(
    name: Option<String>,
    kind: ParsedKind,
    on: Option<&str>,
    columns: Vec<String>,
    body: String,
) -> ParsedConstraint {
    ParsedConstraint { name, kind, on_column: on.map(str::to_string), columns, body, references: None }
}

fn quote_col(name: &str) -> String {
    super::lexer::ident(name)
}

/// Canonical text of each column in a parenthesized list starting at `open`; returns the list and the
/// index after the `)`.
fn column_list(item: &[Token], open: usize) -> (Vec<String>, usize) {
    let close = matching(item, open);
    let cols = split_commas(item.get(open + 1..close).unwrap_or(&[]))
        .into_iter()
        .map(|c| {
            let mut c = c.to_vec();
            // `ASC` is the default order: drop it so `(a ASC)` equals `(a)`.
            if c.last().is_some_and(|t| t.is("ASC")) {
                c.pop();
            }
            canonical(&c)
        })
        .collect();
    (cols, close + 1)
}

fn references(item: &[Token], at: usize) -> (ForeignRef, usize) {
    let table = item.get(at + 1).and_then(Token::name).unwrap_or_default().to_string();
    let mut i = at + 2;
    let mut columns = Vec::new();
    if item.get(i).is_some_and(|t| t.is_op("(")) {
        let (c, next) = column_list(item, i);
        columns = c;
        i = next;
    }
    i = i.min(item.len());
    let start = i;
    while i < item.len() && (item[i].is("NOT") || item[i - 1].is("SET") || !is_constraint_start(&item[i])) {
        // `NOT DEFERRABLE` belongs to the clause; `NOT NULL` starts the next constraint.
        i += 1;
    }
    while i < item.len() && item[i].is("NOT") && item.get(i + 1).is_some_and(|t| t.is("DEFERRABLE")) {
        i += 2;
        while i < item.len() && !is_constraint_start(&item[i]) {
            i += 1;
        }
    }
    let tail = normalize_fk_tail(&item[start..i]);
    (ForeignRef { table, columns, tail }, i)
}

/// Drop the spelled-out defaults (`ON DELETE NO ACTION`, `NOT DEFERRABLE`, `INITIALLY IMMEDIATE` alone,
/// `MATCH SIMPLE`) so they compare equal to their absence; order actions DELETE before UPDATE.
pub fn normalize_fk_tail(tail: &[Token]) -> String {
    let words: Vec<String> = tail.iter().map(|t| canonical(std::slice::from_ref(t)).to_uppercase()).collect();
    let mut on_delete = None;
    let mut on_update = None;
    let mut deferrable = None;
    let mut initially_deferred = false;
    let mut i = 0;
    while i < words.len() {
        match words[i].as_str() {
            "ON" => {
                let which = words.get(i + 1).cloned().unwrap_or_default();
                let mut action = words.get(i + 2).cloned().unwrap_or_default();
                let mut n = 3;
                if action == "SET" || action == "NO" {
                    action = format!("{action} {}", words.get(i + 3).cloned().unwrap_or_default());
                    n = 4;
                }
                let action = (action != "NO ACTION").then_some(action);
                if which == "DELETE" {
                    on_delete = action;
                } else {
                    on_update = action;
                }
                i += n;
            }
            "MATCH" => i += 2,
            "NOT" => {
                deferrable = Some(false);
                i += 2;
            }
            "DEFERRABLE" => {
                deferrable = Some(true);
                i += 1;
            }
            "INITIALLY" => {
                initially_deferred = words.get(i + 1).is_some_and(|w| w == "DEFERRED");
                i += 2;
            }
            _ => i += 1,
        }
    }
    let mut parts = Vec::new();
    if let Some(a) = on_delete {
        parts.push(format!("ON DELETE {a}"));
    }
    if let Some(a) = on_update {
        parts.push(format!("ON UPDATE {a}"));
    }
    if deferrable == Some(true) && initially_deferred {
        parts.push("DEFERRABLE INITIALLY DEFERRED".into());
    }
    parts.join(" ")
}

fn table_constraint(item: &[Token], out: &mut ParsedTable) {
    let mut i = 0;
    let mut name = None;
    if item[0].is("CONSTRAINT") {
        name = item.get(1).and_then(Token::name).map(str::to_string);
        i = 2;
    }
    let Some(t) = item.get(i) else { return };
    if t.is("PRIMARY") || t.is("UNIQUE") {
        let kind = if t.is("PRIMARY") { ParsedKind::PrimaryKey } else { ParsedKind::Unique };
        let open = (i..item.len()).find(|&j| item[j].is_op("(")).unwrap_or(item.len());
        let (cols, next) = column_list(item, open);
        if item[next.min(item.len())..].iter().any(|t| t.is("AUTOINCREMENT")) {
            out.autoincrement = true;
        }
        out.constraints.push(constraint(name, kind, None, cols, String::new()));
    } else if t.is("CHECK") {
        let close = matching(item, i + 1);
        let body = canonical(item.get(i + 2..close).unwrap_or(&[]));
        out.constraints.push(constraint(name, ParsedKind::Check, None, vec![], body));
    } else if t.is("FOREIGN") {
        let open = i + 2;
        let (cols, next) = column_list(item, open);
        let (r, _) = references(item, next);
        let mut c = constraint(name, ParsedKind::ForeignKey, None, cols, String::new());
        c.references = Some(r);
        out.constraints.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_and_table_constraints() {
        let p = parse_create_table(
            "CREATE TABLE \"t\" (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL COLLATE NOCASE \
             CONSTRAINT name_len CHECK (length(name) > 0), parent INT REFERENCES t(id) ON DELETE CASCADE \
             DEFERRABLE INITIALLY DEFERRED, total AS (id * 2) STORED, [a b] TEXT UNIQUE, \
             CONSTRAINT two UNIQUE (name, [a b] DESC), CHECK (id>0), \
             FOREIGN KEY (parent) REFERENCES t ON UPDATE NO ACTION) STRICT",
        );
        assert!(p.strict && p.autoincrement && !p.without_rowid);
        assert_eq!(p.columns.len(), 5);
        assert_eq!(p.columns[1].collate.as_deref(), Some("NOCASE"));
        assert_eq!(p.columns[3].generated, Some(("id * 2".into(), true)));
        let kinds: Vec<_> = p.constraints.iter().map(|c| (c.kind, c.name.clone(), c.on_column.clone())).collect();
        assert_eq!(kinds[1], (ParsedKind::Check, Some("name_len".into()), Some("name".into())));
        let fk = p.constraints[2].references.as_ref().unwrap();
        assert_eq!((fk.table.as_str(), fk.columns.clone()), ("t", vec!["id".to_string()]));
        assert_eq!(fk.tail, "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED");
        assert_eq!(p.constraints[4].columns, vec!["name".to_string(), "\"a b\" DESC".to_string()]);
        assert_eq!(p.constraints[5].body, "id > 0");
        assert_eq!(p.constraints[6].references.as_ref().unwrap().tail, "");
    }
}
