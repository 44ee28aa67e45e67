//! Indexes: created and dropped whole (a changed definition is drop + create); online mode builds and
//! drops them concurrently.

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{exprs, nodetree, render};
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

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

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
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

/// Rows of `sql/pg/index.sql` (indexes of tables and materialized views that implement no constraint):
/// plain ones rendered here, the rest left for the server to deparse by OID.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, quoter, cols, tables, matviews, pending, .. } = d;
    for r in rows {
        let r = &r;
        let table_oid: u32 = get(r, "table_oid")?;
        let Some(table) = tables.get(&table_oid).or_else(|| matviews.get(&table_oid)) else {
            continue;
        };
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let oid: u32 = get(r, "oid")?;
        oids.classes.insert(oid, ObjectId::of(Kind::Index, &name));
        let definition = match get::<Option<String>>(r, "definition")? {
            Some(d) => d,
            None => {
                // A predicate of NULL tests comes as its stored tree (render it here); other predicates
                // come deparsed.
                let tree: Option<&str> = get(r, "predicate_tree")?;
                let enums = |t: u32| oids.types.get(&t).is_some_and(|id| id.kind == Kind::Enum);
                let cx = nodetree::Context { cols, quoter, user_scalar: &enums };
                let from_tree = tree.map(|t| nodetree::null_test_predicate(t, table_oid, &cx));
                let predicate: Option<&str> = match &from_tree {
                    Some(rendered) => rendered.as_deref(),
                    None => get(r, "predicate")?,
                };
                // An expression key: one call of a built-in function on a column (else the server's).
                let expr_tree: Option<&str> = get(r, "expr_tree")?;
                let function: Option<Vec<String>> = get(r, "expr_function")?;
                let expression = match expr_tree {
                    None => Some(None),
                    Some(tree) => function
                        .as_deref()
                        .and_then(exprs::Function::from_parts)
                        .and_then(|f| exprs::function_call(tree, table_oid, cols, quoter, &f))
                        .map(Some),
                };
                let i = render::PlainIndex {
                    name: &name.name,
                    schema: &name.schema,
                    table_name: get(r, "table_name")?,
                    table: table_oid,
                    method: get(r, "method")?,
                    unique: get(r, "is_unique")?,
                    nulls_not_distinct: get(r, "nulls_not_distinct")?,
                    keys: &get::<Vec<i16>>(r, "keys")?,
                    key_count: get::<i32>(r, "key_count")?.max(0) as usize,
                    options: &get::<Vec<i16>>(r, "options")?,
                    collations: &get::<Vec<u32>>(r, "collations")?,
                    predicate,
                    expression: expression.as_ref().and_then(|e| e.as_ref().map(|(t, c)| (t.as_str(), *c))),
                };
                let rendered = match (&from_tree, &expression) {
                    (Some(None), _) | (_, None) => None,
                    _ => render::plain_index(quoter, cols, &i),
                };
                match rendered {
                    Some(d) => d,
                    None => {
                        pending.indexes.push((oid, name.clone(), quoter.quote(&name.name)));
                        String::new()
                    }
                }
            }
        };
        let index = Index { name: name.clone(), table: table.clone(), definition, comment: get(r, "comment")? };
        cat.indexes.insert(name, index);
    }
    Ok(())
}
