//! Procedural languages a user created (not an extension's): created, dropped, and dropped and created
//! again when their trust or a handler changes. Their privileges and owner are reported, not diffed
//! (`unmodelled.sql`).

use crate::pg::inspect::rows::{get, qualified};
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum LanguageOp {
    Create(Language),
    Drop(String),
}

fn id(l: &Language) -> ObjectId {
    ObjectId::new(Kind::Language, "", &l.name, "")
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.languages, &to.languages) {
        match p {
            Pair::Added(l) => create(out, l),
            Pair::Removed(l) => out.push(drop(l)),
            Pair::Both(a, b)
                if (a.trusted, &a.handler, &a.inline, &a.validator)
                    != (b.trusted, &b.handler, &b.inline, &b.validator) =>
            {
                out.push(drop(a));
                create(out, b);
            }
            Pair::Both(a, b) => {
                comment(out, id(b), CommentTarget::Language(b.name.clone()), Some(&a.comment), &b.comment)
            }
        }
    }
}

fn create(out: &mut Vec<Change>, l: &Language) {
    out.push(Change::new(Action::Create, id(l), Op::Language(LanguageOp::Create(l.clone()))));
    comment(out, id(l), CommentTarget::Language(l.name.clone()), None, &l.comment);
}

fn drop(l: &Language) -> Change {
    Change::new(Action::Drop, id(l), Op::Language(LanguageOp::Drop(l.name.clone())))
}

/// Rows of `sql/pg/language.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name: String = get(r, "name")?;
        oids.others.insert((get(r, "classid")?, get(r, "oid")?), ObjectId::new(Kind::Language, "", &name, ""));
        let l = Language {
            name: name.clone(),
            trusted: get(r, "trusted")?,
            handler: qualified(r, "handler_fn")?,
            inline: qualified(r, "inline_fn")?,
            validator: qualified(r, "validator_fn")?,
            comment: get(r, "comment")?,
        };
        cat.languages.insert(name, l);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &LanguageOp) -> Vec<String> {
    match op {
        LanguageOp::Create(l) => {
            let mut s = format!("CREATE {}LANGUAGE {}", if l.trusted { "TRUSTED " } else { "" }, Ident(&l.name));
            if let Some(h) = &l.handler {
                s.push_str(&format!(" HANDLER {}", h.sql()));
                if let Some(i) = &l.inline {
                    s.push_str(&format!(" INLINE {}", i.sql()));
                }
                if let Some(v) = &l.validator {
                    s.push_str(&format!(" VALIDATOR {}", v.sql()));
                }
            }
            vec![format!("{s};")]
        }
        LanguageOp::Drop(name) => vec![format!("DROP LANGUAGE {};", Ident(name))],
    }
}
