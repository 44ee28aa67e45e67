//! Views and materialized views: recreated when their definition or options change (dependent views
//! follow through the forced replacements).

use super::trigger::trigger_id;
use crate::pg::inspect::rows::get;
use crate::pg::inspect::{decode_err, Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ViewOp {
    Create(View),
    Drop { name: QName, materialized: bool },
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.views, &to.views) {
        match p {
            Pair::Added(v) => create_view(out, v),
            Pair::Removed(v) => out.push(drop_view_in(from, v)),
            Pair::Both(a, b) => {
                if a.definition != b.definition || a.options != b.options || a.materialized != b.materialized {
                    out.push(drop_view(a));
                    create_view(out, b);
                } else {
                    let id = ObjectId::of(Kind::View, &b.name);
                    comment(out, id, view_target(b), Some(&a.comment), &b.comment);
                }
            }
        }
    }
}

fn view_target(v: &View) -> CommentTarget {
    if v.materialized {
        CommentTarget::MaterializedView(v.name.clone())
    } else {
        CommentTarget::View(v.name.clone())
    }
}

pub(crate) fn create_view(out: &mut Vec<Change>, v: &View) {
    let id = ObjectId::of(Kind::View, &v.name);
    out.push(Change::new(Action::Create, id.clone(), Op::View(ViewOp::Create(v.clone()))));
    comment(out, id, view_target(v), None, &v.comment);
}

/// A dropped view takes its triggers with it.
pub(crate) fn drop_view(v: &View) -> Change {
    let op = Op::View(ViewOp::Drop { name: v.name.clone(), materialized: v.materialized });
    Change::new(Action::Drop, ObjectId::of(Kind::View, &v.name), op)
}

fn drop_view_in(from: &Catalog, v: &View) -> Change {
    let triggers = on_table(&from.triggers, &v.name).map(trigger_id);
    drop_view(v).covering(triggers)
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &ViewOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        ViewOp::Create(v) => {
            let with = if v.options.is_empty() { String::new() } else { format!(" WITH ({})", v.options.join(", ")) };
            if v.materialized {
                one(format!("CREATE MATERIALIZED VIEW {}{with} AS\n{}\nWITH DATA;", v.name.sql(), v.definition))
            } else {
                one(format!("CREATE VIEW {}{with} AS\n{};", v.name.sql(), v.definition))
            }
        }
        ViewOp::Drop { name, materialized } => {
            one(format!("DROP {}VIEW {};", if *materialized { "MATERIALIZED " } else { "" }, name.sql()))
        }
    }
}

/// Rows of `sql/pg/view.sql` (materialized views are remembered by OID: they can carry indexes).
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, matviews: relations, .. } = d;
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let id = ObjectId::of(Kind::View, &name);
        let oid: u32 = get(r, "oid")?;
        let materialized: bool = get(r, "materialized")?;
        if materialized {
            relations.insert(oid, name.clone());
        }
        oids.classes.insert(oid, id.clone());
        if let Some(rw) = get::<Option<u32>>(r, "rewrite_oid")? {
            oids.rewrites.insert(rw, id);
        }
        let definition: String = get(r, "definition")?;
        let mut options: Vec<String> = get(r, "options")?;
        options.sort();
        let definition = definition.trim_end().trim_end_matches(';').to_string();
        let names: Vec<String> = get(r, "column_names")?;
        let types: Vec<String> = get(r, "column_types")?;
        let columns = names.into_iter().zip(types).collect();
        if let Some(cols) = get::<Option<Vec<String>>>(r, "acl_columns")? {
            let grantees: Vec<String> = get::<Option<_>>(r, "acl_grantees")?.unwrap_or_default();
            let privileges: Vec<String> = get::<Option<_>>(r, "acl_privileges")?.unwrap_or_default();
            let grantable: Vec<bool> = get::<Option<_>>(r, "acl_grantable")?.unwrap_or_default();
            if grantees.len() != cols.len() || privileges.len() != cols.len() || grantable.len() != cols.len() {
                return Err(decode_err(format!("column privileges of view {name}"), "ragged ACL arrays"));
            }
            for (((col, grantee), privilege), grantable) in
                cols.into_iter().zip(grantees).zip(privileges).zip(grantable)
            {
                cat.grants.insert(Grant { on: ObjectId::column(&name, &col), grantee, privilege, grantable });
            }
        }
        let view = View { name: name.clone(), materialized, definition, options, columns, comment: get(r, "comment")? };
        cat.views.insert(name, view);
    }
    Ok(())
}
