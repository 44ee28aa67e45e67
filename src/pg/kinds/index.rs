//! Indexes: created and dropped whole (a changed definition is drop + create); online mode builds and
//! drops them concurrently.

use crate::pg::prelude::*;

/// What pgdrift does to an index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum IndexOp {
    Create(Index),
    Drop(QName),
    /// Online mode: `CREATE INDEX CONCURRENTLY` (outside a transaction), then verified valid.
    CreateConcurrently(Index),
    /// Online mode: `DROP INDEX CONCURRENTLY` (outside a transaction).
    DropConcurrently(QName),
    /// Online mode: the last step of replacing an index (build new, drop old, rename new).
    Rename {
        from: QName,
        to: String,
    },
}

pub(crate) fn diff(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for p in pairs(&from.indexes, &to.indexes) {
        match p {
            Pair::Added(i) => create_index(out, i, from.has_relation(&i.table)),
            Pair::Removed(i) => {
                // Indexes of a dropped table or materialized view go with it.
                if to.has_relation(&i.table) {
                    out.push(drop_index(i));
                }
            }
            Pair::Both(a, b) => {
                if a.definition != b.definition || a.table != b.table {
                    if to.has_relation(&a.table) && from.has_relation(&a.table) {
                        out.push(drop_index(a));
                    }
                    create_index(out, b, true);
                } else {
                    let id = ObjectId::of(Kind::Index, &b.name);
                    comment(out, id, CommentTarget::Index(b.name.clone()), Some(&a.comment), &b.comment);
                }
            }
        }
    }
}

/// `existing`: the table already exists (and may hold rows), so the build blocks its writes.
pub(crate) fn create_index(out: &mut Vec<Change>, i: &crate::model::Index, existing: bool) {
    let id = ObjectId::of(Kind::Index, &i.name);
    let mut change = Change::new(Action::Create, id.clone(), Op::Index(IndexOp::Create(i.clone())));
    if existing {
        let why = format!("builds index {} on existing table {}: writes wait for the build", i.name, i.table);
        change = change.with_hazard(Hazard::new(HazardKind::IndexBuild, why));
    }
    out.push(change);
    comment(out, id, CommentTarget::Index(i.name.clone()), None, &i.comment);
}

pub(crate) fn drop_index(i: &crate::model::Index) -> Change {
    let why = format!("drops index {}: queries using it may get slower", i.name);
    Change::new(Action::Drop, ObjectId::of(Kind::Index, &i.name), Op::Index(IndexOp::Drop(i.name.clone())))
        .with_hazard(Hazard::new(HazardKind::IndexDropped, why))
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &IndexOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        IndexOp::Create(i) => one(format!("{};", i.definition)),
        IndexOp::Drop(q) => one(format!("DROP INDEX {};", q.sql())),
        IndexOp::CreateConcurrently(i) => vec![
            format!("{};", i.definition.replacen(" INDEX ", " INDEX CONCURRENTLY ", 1)),
            format!(
                "DO $pgdrift$ BEGIN IF EXISTS (SELECT FROM pg_index WHERE indexrelid = {}::regclass AND NOT indisvalid) \
                 THEN RAISE EXCEPTION 'index % was built INVALID: drop it and run again', {}; END IF; END $pgdrift$;",
                Literal(&i.name.sql()),
                Literal(&i.name.sql())
            ),
        ],
        IndexOp::DropConcurrently(q) => one(format!("DROP INDEX CONCURRENTLY {};", q.sql())),
        IndexOp::Rename { from, to } => one(format!("ALTER INDEX {} RENAME TO {};", from.sql(), Ident(to))),
    }
}
