//! Text search parsers: created, dropped, and dropped and created again when a support function changes.

use crate::pg::inspect::rows::{get, qualified, required};
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a text search parser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum TsParserOp {
    Create(Box<TsParser>),
    Drop(QName),
}

fn id(p: &TsParser) -> ObjectId {
    ObjectId::of(Kind::TsParser, &p.name)
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.ts_parsers, &to.ts_parsers) {
        match p {
            Pair::Added(p) => create(out, p),
            Pair::Removed(p) => out.push(drop(p)),
            Pair::Both(a, b) if functions(a) != functions(b) => {
                out.push(drop(a));
                create(out, b);
            }
            Pair::Both(a, b) => {
                comment(out, id(b), CommentTarget::TsParser(b.name.clone()), Some(&a.comment), &b.comment)
            }
        }
    }
}

/// Everything but the comment (a parser has no other attribute).
fn functions(p: &TsParser) -> [Option<&QName>; 5] {
    [Some(&p.start), Some(&p.token), Some(&p.end), p.headline.as_ref(), Some(&p.lextypes)]
}

fn create(out: &mut Vec<Change>, p: &TsParser) {
    out.push(Change::new(Action::Create, id(p), Op::TsParser(TsParserOp::Create(Box::new(p.clone())))));
    comment(out, id(p), CommentTarget::TsParser(p.name.clone()), None, &p.comment);
}

fn drop(p: &TsParser) -> Change {
    Change::new(Action::Drop, id(p), Op::TsParser(TsParserOp::Drop(p.name.clone())))
}

/// Rows of `sql/pg/text_search_parser.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        oids.others.insert((get(r, "classid")?, get(r, "oid")?), ObjectId::of(Kind::TsParser, &name));
        let p = TsParser {
            name: name.clone(),
            start: required(r, "start_fn")?,
            token: required(r, "token_fn")?,
            end: required(r, "end_fn")?,
            headline: qualified(r, "headline_fn")?,
            lextypes: required(r, "lextypes_fn")?,
            comment: get(r, "comment")?,
        };
        cat.ts_parsers.insert(name, p);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &TsParserOp) -> Vec<String> {
    match op {
        TsParserOp::Create(p) => {
            let headline = p.headline.as_ref().map(|h| format!(", HEADLINE = {}", h.sql())).unwrap_or_default();
            vec![format!(
                "CREATE TEXT SEARCH PARSER {} (START = {}, GETTOKEN = {}, END = {}, LEXTYPES = {}{headline});",
                p.name.sql(),
                p.start.sql(),
                p.token.sql(),
                p.end.sql(),
                p.lextypes.sql()
            )]
        }
        TsParserOp::Drop(q) => vec![format!("DROP TEXT SEARCH PARSER {};", q.sql())],
    }
}
