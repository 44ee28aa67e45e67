//! SQLite compares names without regard to ASCII case (`T2` and `t2` are one table, `ID` and `id` one
//! column) and so does its type affinity (`INT`, `Int`). Before two SQLite catalogs are diffed, TO is
//! re-spelled in FROM's spelling wherever the two agree but for case, so equivalent spellings give an empty
//! diff and a real change is still one.

use super::lexer::{tokenize, Tok};
use crate::model::*;
use std::collections::{BTreeMap, HashMap};

/// FROM's spelling of each name, by its lower-cased form.
struct Names(HashMap<String, String>);

impl Names {
    fn of<'a>(names: impl Iterator<Item = &'a str>) -> Names {
        Names(names.map(|n| (n.to_ascii_lowercase(), n.to_string())).collect())
    }
    fn get(&self, name: &str) -> Option<&String> {
        self.0.get(&name.to_ascii_lowercase())
    }
    fn respell(&self, name: &str) -> String {
        self.get(name).cloned().unwrap_or_else(|| name.to_string())
    }
}

/// A definition with identifiers and keywords case-folded and layout normalized: two definitions with
/// equal keys are one definition to SQLite (string literals keep their case).
fn fold_key(text: &str) -> String {
    let toks: Vec<String> = tokenize(text)
        .into_iter()
        .map(|t| match t.tok {
            Tok::Word(w) | Tok::Ident(w) => w.to_ascii_lowercase(),
            Tok::Str(s) | Tok::Num(s) | Tok::Op(s) => s,
        })
        .collect();
    toks.join(" ")
}

/// FROM's definition when TO's is the same but for case and layout.
fn same_or(from: Option<&String>, to: String) -> String {
    match from {
        Some(f) if fold_key(f) == fold_key(&to) => f.clone(),
        _ => to,
    }
}

/// TO with FROM's spelling for names (tables, columns, constraints, indexes, views, triggers) and declared
/// types that differ from FROM's only in case, and FROM's text for definitions equal but for case and layout.
pub(super) fn in_from_spelling(from: &Catalog, mut to: Catalog) -> Catalog {
    let tables = Names::of(from.tables.keys().map(|q| q.name.as_str()));
    let columns: HashMap<String, Names> = from
        .tables
        .values()
        .map(|t| (t.name.name.to_ascii_lowercase(), Names::of(t.columns.iter().map(|c| c.name.as_str()))))
        .collect();
    let none = Names(HashMap::new());
    let cols_of = |table: &str| columns.get(&table.to_ascii_lowercase()).unwrap_or(&none);
    let q = |q: &QName| QName::new(&q.schema, tables.respell(&q.name));

    let mut out_tables = BTreeMap::new();
    for (_, mut t) in std::mem::take(&mut to.tables) {
        t.name = q(&t.name);
        let cols = cols_of(&t.name.name);
        let from_t = from.tables.get(&t.name);
        for c in &mut t.columns {
            c.name = cols.respell(&c.name);
            if let Some(fc) = from_t.and_then(|ft| ft.column(&c.name)) {
                if fc.data_type.eq_ignore_ascii_case(&c.data_type) {
                    c.data_type = fc.data_type.clone();
                }
            }
        }
        let empty = BTreeMap::new();
        let from_cons = from_t.map_or(&empty, |ft| &ft.constraints);
        let constraint_names = Names::of(from_cons.keys().map(String::as_str));
        t.constraints = std::mem::take(&mut t.constraints)
            .into_values()
            .map(|c| {
                let same =
                    from_cons.values().find(|f| f.kind == c.kind && fold_key(&f.definition) == fold_key(&c.definition));
                let c = match same {
                    Some(f) => Constraint { name: f.name.clone(), definition: f.definition.clone(), ..c },
                    None => Constraint { name: constraint_names.respell(&c.name), ..c },
                };
                (c.name.clone(), c)
            })
            .collect();
        out_tables.insert(t.name.clone(), t);
    }
    to.tables = out_tables;

    // Indexes and triggers: FROM's own spelling of the pair (name, table) wins where both agree but for
    // case (a trigger's table is spelled as its CREATE TRIGGER wrote it, not as the table was created).
    let lower = |x: &str| x.to_ascii_lowercase();
    let from_indexes: HashMap<String, &Index> = from.indexes.values().map(|i| (lower(&i.name.name), i)).collect();
    to.indexes = std::mem::take(&mut to.indexes)
        .into_values()
        .map(|mut i| {
            match from_indexes.get(&lower(&i.name.name)).filter(|f| lower(&f.table.name) == lower(&i.table.name)) {
                Some(f) => {
                    i.name = f.name.clone();
                    i.table = f.table.clone();
                    i.definition = same_or(Some(&f.definition), i.definition);
                }
                None => i.table = q(&i.table),
            }
            (i.name.clone(), i)
        })
        .collect();
    let view_names = Names::of(from.views.keys().map(|q| q.name.as_str()));
    to.views = std::mem::take(&mut to.views)
        .into_values()
        .map(|mut v| {
            v.name = QName::new(&v.name.schema, view_names.respell(&v.name.name));
            v.definition = same_or(from.views.get(&v.name).map(|f| &f.definition), v.definition);
            (v.name.clone(), v)
        })
        .collect();
    let from_triggers: HashMap<(String, String), &Trigger> =
        from.triggers.values().map(|t| ((lower(&t.table.name), lower(&t.name)), t)).collect();
    to.triggers = std::mem::take(&mut to.triggers)
        .into_values()
        .map(|mut t| {
            match from_triggers.get(&(lower(&t.table.name), lower(&t.name))) {
                Some(f) => {
                    t.table = f.table.clone();
                    t.name = f.name.clone();
                    t.definition = same_or(Some(&f.definition), t.definition);
                }
                None => {
                    let on = view_names.get(&t.table.name).or_else(|| tables.get(&t.table.name)).cloned();
                    t.table = QName::new(&t.table.schema, on.unwrap_or_else(|| t.table.name.clone()));
                }
            }
            ((t.table.clone(), t.name.clone()), t)
        })
        .collect();
    to
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_equal_but_for_case_and_layout_fold_to_one_key() {
        assert_eq!(fold_key("CREATE INDEX IX on T2(V)"), fold_key("create index \"ix\" ON t2 (v)"));
        assert_ne!(fold_key("CHECK (name <> 'T2')"), fold_key("CHECK (name <> 't2')"));
        assert_eq!(
            same_or(
                Some(&"FOREIGN KEY (b) REFERENCES t2 (id)".to_string()),
                "FOREIGN KEY (B) REFERENCES T2 (ID)".into()
            ),
            "FOREIGN KEY (b) REFERENCES t2 (id)"
        );
    }
}
