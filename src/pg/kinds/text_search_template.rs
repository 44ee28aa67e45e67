//! Text search templates: created, dropped, and dropped and created again when a function changes.

use crate::pg::inspect::rows::{get, qualified, required};
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a text search template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum TsTemplateOp {
    Create(TsTemplate),
    Drop(QName),
}

fn id(t: &TsTemplate) -> ObjectId {
    ObjectId::of(Kind::TsTemplate, &t.name)
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.ts_templates, &to.ts_templates) {
        match p {
            Pair::Added(t) => create(out, t),
            Pair::Removed(t) => out.push(drop(t)),
            Pair::Both(a, b) if (&a.init, &a.lexize) != (&b.init, &b.lexize) => {
                out.push(drop(a));
                create(out, b);
            }
            Pair::Both(a, b) => {
                comment(out, id(b), CommentTarget::TsTemplate(b.name.clone()), Some(&a.comment), &b.comment)
            }
        }
    }
}

fn create(out: &mut Vec<Change>, t: &TsTemplate) {
    out.push(Change::new(Action::Create, id(t), Op::TsTemplate(TsTemplateOp::Create(t.clone()))));
    comment(out, id(t), CommentTarget::TsTemplate(t.name.clone()), None, &t.comment);
}

fn drop(t: &TsTemplate) -> Change {
    Change::new(Action::Drop, id(t), Op::TsTemplate(TsTemplateOp::Drop(t.name.clone())))
}

/// Rows of `sql/pg/text_search_template.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        oids.others.insert((get(r, "classid")?, get(r, "oid")?), ObjectId::of(Kind::TsTemplate, &name));
        let t = TsTemplate {
            name: name.clone(),
            init: qualified(r, "init_fn")?,
            lexize: required(r, "lexize_fn")?,
            comment: get(r, "comment")?,
        };
        cat.ts_templates.insert(name, t);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &TsTemplateOp) -> Vec<String> {
    match op {
        TsTemplateOp::Create(t) => {
            let init = t.init.as_ref().map(|i| format!("INIT = {}, ", i.sql())).unwrap_or_default();
            vec![format!("CREATE TEXT SEARCH TEMPLATE {} ({init}LEXIZE = {});", t.name.sql(), t.lexize.sql())]
        }
        TsTemplateOp::Drop(q) => vec![format!("DROP TEXT SEARCH TEMPLATE {};", q.sql())],
    }
}
