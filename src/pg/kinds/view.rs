//! Views and materialized views: recreated when their definition or options change (dependent views
//! follow through the forced replacements).

use super::trigger::trigger_id;
use crate::pg::prelude::*;

/// What pgdrift does to a view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ViewOp {
    Create(View),
    Drop { name: QName, materialized: bool },
}

pub(crate) fn diff(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
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
