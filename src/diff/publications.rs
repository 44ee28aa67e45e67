//! Publications: create, drop (or drop + create when FOR ALL TABLES changes), options through
//! `ALTER PUBLICATION .. SET`, membership through `ADD TABLE` / `DROP TABLE` (each after the table exists;
//! a table that is dropped leaves its publications by itself).

use super::list::{pairs, Pair};
use super::{Action, Change, Op};
use crate::model::{Catalog, Kind, ObjectId, Publication};

fn id(p: &Publication) -> ObjectId {
    ObjectId::new(Kind::Publication, "", &p.name, "")
}

fn tables(p: &Publication) -> Vec<ObjectId> {
    p.tables.iter().map(|t| ObjectId::of(Kind::Table, t)).collect()
}

pub(super) fn publications(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for pair in pairs(&from.publications, &to.publications) {
        match pair {
            Pair::Added(b) => create(out, b),
            Pair::Removed(a) => out.push(Change::new(Action::Drop, id(a), Op::DropPublication(a.name.clone()))),
            Pair::Both(a, b) if a.all_tables != b.all_tables => {
                out.push(Change::new(Action::Drop, id(a), Op::DropPublication(a.name.clone())));
                create(out, b);
            }
            Pair::Both(a, b) => {
                if a.publish != b.publish || a.via_root != b.via_root {
                    out.push(Change::new(Action::Alter, id(b), Op::SetPublicationOptions(b.clone())));
                }
                for t in b.tables.iter().filter(|t| !a.tables.contains(t)) {
                    let op = Op::AlterPublicationTable { publication: b.name.clone(), table: t.clone(), add: true };
                    out.push(Change::new(Action::Alter, id(b), op).needing([ObjectId::of(Kind::Table, t)]));
                }
                for t in a.tables.iter().filter(|t| !b.tables.contains(t) && to.tables.contains_key(*t)) {
                    let op = Op::AlterPublicationTable { publication: b.name.clone(), table: t.clone(), add: false };
                    out.push(Change::new(Action::Alter, id(b), op));
                }
                if a.comment != b.comment {
                    out.push(Change::new(
                        Action::Alter,
                        id(b),
                        Op::CommentOnPublication(b.name.clone(), b.comment.clone()),
                    ));
                }
            }
        }
    }
}

fn create(out: &mut Vec<Change>, p: &Publication) {
    out.push(Change::new(Action::Create, id(p), Op::CreatePublication(p.clone())).needing(tables(p)));
    if p.comment.is_some() {
        out.push(Change::new(Action::Alter, id(p), Op::CommentOnPublication(p.name.clone(), p.comment.clone())));
    }
}
