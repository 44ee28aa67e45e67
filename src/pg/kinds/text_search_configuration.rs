//! Text search configurations: created with their parser and mappings, mappings changed per token type in
//! place (`ADD / ALTER / DROP MAPPING`), dropped and created again when the parser changes.

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a text search configuration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum TsConfigurationOp {
    Create(TsConfiguration),
    Drop(QName),
    /// `ADD MAPPING FOR token WITH ..` (`add`), or `ALTER MAPPING FOR token WITH ..`.
    SetMapping {
        name: QName,
        token: String,
        dictionaries: Vec<QName>,
        add: bool,
    },
    DropMapping {
        name: QName,
        token: String,
    },
}

fn id(c: &TsConfiguration) -> ObjectId {
    ObjectId::of(Kind::TsConfiguration, &c.name)
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.ts_configurations, &to.ts_configurations) {
        match p {
            Pair::Added(c) => create(out, c),
            Pair::Removed(c) => out.push(drop(c)),
            Pair::Both(a, b) => {
                if a.parser != b.parser {
                    out.push(drop(a));
                    create(out, b);
                    continue;
                }
                let before: std::collections::BTreeMap<_, _> = a.mappings.iter().map(|(t, d)| (t, d)).collect();
                let after: std::collections::BTreeSet<_> = b.mappings.iter().map(|(t, _)| t).collect();
                for (token, dicts) in &b.mappings {
                    let add = match before.get(token) {
                        Some(old) if *old == dicts => continue,
                        Some(_) => false,
                        None => true,
                    };
                    let op = TsConfigurationOp::SetMapping {
                        name: b.name.clone(),
                        token: token.clone(),
                        dictionaries: dicts.clone(),
                        add,
                    };
                    out.push(mapping_change(b, op, dicts));
                }
                for (token, _) in a.mappings.iter().filter(|(t, _)| !after.contains(t)) {
                    let op = TsConfigurationOp::DropMapping { name: b.name.clone(), token: token.clone() };
                    out.push(Change::new(Action::Alter, id(b), Op::TsConfiguration(op)));
                }
                let target = CommentTarget::TsConfiguration(b.name.clone());
                comment(out, id(b), target, Some(&a.comment), &b.comment);
            }
        }
    }
}

/// A mapping change needs its dictionaries first (a dictionary the plan creates).
fn mapping_change(c: &TsConfiguration, op: TsConfigurationOp, dicts: &[QName]) -> Change {
    let needs = dicts.iter().map(|d| ObjectId::of(Kind::TsDictionary, d));
    Change::new(Action::Alter, id(c), Op::TsConfiguration(op)).needing(needs)
}

pub(crate) fn create(out: &mut Vec<Change>, c: &TsConfiguration) {
    let needs = c.mappings.iter().flat_map(|(_, d)| d.iter().map(|d| ObjectId::of(Kind::TsDictionary, d)));
    let change = Change::new(Action::Create, id(c), Op::TsConfiguration(TsConfigurationOp::Create(c.clone())));
    out.push(change.needing(needs));
    comment(out, id(c), CommentTarget::TsConfiguration(c.name.clone()), None, &c.comment);
}

pub(crate) fn drop(c: &TsConfiguration) -> Change {
    Change::new(Action::Drop, id(c), Op::TsConfiguration(TsConfigurationOp::Drop(c.name.clone())))
}

/// Rows of `sql/pg/text_search_configuration.sql`: one per mapping entry, in order.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let config = match cat.ts_configurations.entry(name.clone()) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => {
                oids.ts_configurations.insert(get(r, "oid")?, ObjectId::of(Kind::TsConfiguration, &name));
                e.insert(TsConfiguration {
                    name,
                    parser: QName::new(get::<String>(r, "parser_schema")?, get::<String>(r, "parser_name")?),
                    mappings: Vec::new(),
                    comment: get(r, "comment")?,
                })
            }
        };
        let (Some(token), Some(schema), Some(dict)) = (
            get::<Option<String>>(r, "token")?,
            get::<Option<String>>(r, "dict_schema")?,
            get::<Option<String>>(r, "dict_name")?,
        ) else {
            continue;
        };
        let dict = QName::new(schema, dict);
        match config.mappings.last_mut() {
            Some((t, dicts)) if *t == token => dicts.push(dict),
            _ => config.mappings.push((token, vec![dict])),
        }
    }
    Ok(())
}

fn with(dictionaries: &[QName]) -> String {
    dictionaries.iter().map(QName::sql).collect::<Vec<_>>().join(", ")
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &TsConfigurationOp) -> Vec<String> {
    match op {
        TsConfigurationOp::Create(c) => {
            let mut v =
                vec![format!("CREATE TEXT SEARCH CONFIGURATION {} (PARSER = {});", c.name.sql(), c.parser.sql())];
            // A new configuration has no mappings: one ADD MAPPING per set of tokens with the same dictionaries.
            let mut groups: Vec<(&Vec<QName>, Vec<&str>)> = Vec::new();
            for (token, dicts) in &c.mappings {
                match groups.iter_mut().find(|(d, _)| *d == dicts) {
                    Some((_, tokens)) => tokens.push(token),
                    None => groups.push((dicts, vec![token])),
                }
            }
            for (dicts, tokens) in groups {
                v.push(format!(
                    "ALTER TEXT SEARCH CONFIGURATION {} ADD MAPPING FOR {} WITH {};",
                    c.name.sql(),
                    tokens.iter().map(|t| Ident(t).to_string()).collect::<Vec<_>>().join(", "),
                    with(dicts)
                ));
            }
            v
        }
        TsConfigurationOp::Drop(name) => vec![format!("DROP TEXT SEARCH CONFIGURATION {};", name.sql())],
        TsConfigurationOp::SetMapping { name, token, dictionaries, add } => vec![format!(
            "ALTER TEXT SEARCH CONFIGURATION {} {} MAPPING FOR {} WITH {};",
            name.sql(),
            if *add { "ADD" } else { "ALTER" },
            Ident(token),
            with(dictionaries)
        )],
        TsConfigurationOp::DropMapping { name, token } => {
            vec![format!("ALTER TEXT SEARCH CONFIGURATION {} DROP MAPPING FOR {};", name.sql(), Ident(token))]
        }
    }
}
