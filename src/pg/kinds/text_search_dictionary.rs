//! Text search dictionaries: created, their options altered in place, dropped and created again when the
//! template changes (configurations using them are replaced around it).

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a text search dictionary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum TsDictionaryOp {
    Create(TsDictionary),
    Drop(QName),
    /// `ALTER TEXT SEARCH DICTIONARY .. (options)`: TO's options, and the names of FROM's it lacks (reset).
    SetOptions {
        name: QName,
        options: Option<String>,
        reset: Vec<String>,
    },
}

fn id(d: &TsDictionary) -> ObjectId {
    ObjectId::of(Kind::TsDictionary, &d.name)
}

/// The option names of a `dictinitoption` text (`language = 'english', stopwords = 'english'`).
fn option_names(options: &Option<String>) -> Vec<String> {
    let text = options.as_deref().unwrap_or_default();
    split_quoted(text, ',')
        .iter()
        .filter_map(|o| o.split_once('=').map(|(k, _)| k.trim().to_string()))
        .filter(|k| !k.is_empty())
        .collect()
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.ts_dictionaries, &to.ts_dictionaries) {
        match p {
            Pair::Added(d) => create(out, d),
            Pair::Removed(d) => out.push(drop(d)),
            Pair::Both(a, b) => {
                if a.template != b.template {
                    out.push(drop(a));
                    create(out, b);
                    continue;
                }
                if a.options != b.options {
                    let kept = option_names(&b.options);
                    let reset = option_names(&a.options).into_iter().filter(|o| !kept.contains(o)).collect();
                    let op = TsDictionaryOp::SetOptions { name: b.name.clone(), options: b.options.clone(), reset };
                    out.push(Change::new(Action::Alter, id(b), Op::TsDictionary(op)));
                }
                let target = CommentTarget::TsDictionary(b.name.clone());
                comment(out, id(b), target, Some(&a.comment), &b.comment);
            }
        }
    }
}

pub(crate) fn create(out: &mut Vec<Change>, d: &TsDictionary) {
    out.push(Change::new(Action::Create, id(d), Op::TsDictionary(TsDictionaryOp::Create(d.clone()))));
    comment(out, id(d), CommentTarget::TsDictionary(d.name.clone()), None, &d.comment);
}

pub(crate) fn drop(d: &TsDictionary) -> Change {
    Change::new(Action::Drop, id(d), Op::TsDictionary(TsDictionaryOp::Drop(d.name.clone())))
}

/// Rows of `sql/pg/text_search_dictionary.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        oids.ts_dictionaries.insert(get(r, "oid")?, ObjectId::of(Kind::TsDictionary, &name));
        let dict = TsDictionary {
            name: name.clone(),
            template: QName::new(get::<String>(r, "template_schema")?, get::<String>(r, "template_name")?),
            options: get(r, "options")?,
            comment: get(r, "comment")?,
        };
        cat.ts_dictionaries.insert(name, dict);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &TsDictionaryOp) -> Vec<String> {
    match op {
        TsDictionaryOp::Create(d) => {
            let options = d.options.as_deref().map(|o| format!(", {o}")).unwrap_or_default();
            vec![format!("CREATE TEXT SEARCH DICTIONARY {} (TEMPLATE = {}{options});", d.name.sql(), d.template.sql())]
        }
        TsDictionaryOp::Drop(name) => vec![format!("DROP TEXT SEARCH DICTIONARY {};", name.sql())],
        TsDictionaryOp::SetOptions { name, options, reset } => {
            let mut list: Vec<String> = options.iter().cloned().collect();
            list.extend(reset.iter().cloned());
            vec![format!("ALTER TEXT SEARCH DICTIONARY {} ({});", name.sql(), list.join(", "))]
        }
    }
}
