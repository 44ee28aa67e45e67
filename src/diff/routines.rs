//! Diff of views, functions/procedures and triggers. Views are recreated when their definition or options change
//! (dependent views follow through forced replacement); a function is replaced in place unless its result
//! or arguments change, which needs drop + create.

use super::list::{pairs, Pair};
use super::{comment, Action, Change, CommentTarget, Op};
use crate::model::*;

pub(super) fn views(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
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

pub(super) fn create_view(out: &mut Vec<Change>, v: &View) {
    let id = ObjectId::of(Kind::View, &v.name);
    out.push(Change::new(Action::Create, id.clone(), Op::CreateView(v.clone())));
    comment(out, id, view_target(v), None, &v.comment);
}

/// A dropped view takes its triggers with it.
pub(super) fn drop_view(v: &View) -> Change {
    let op = Op::DropView { name: v.name.clone(), materialized: v.materialized };
    Change::new(Action::Drop, ObjectId::of(Kind::View, &v.name), op)
}

fn drop_view_in(from: &Catalog, v: &View) -> Change {
    let triggers = on_table(&from.triggers, &v.name).map(trigger_id);
    drop_view(v).covering(triggers)
}

fn fid(f: &Function) -> ObjectId {
    ObjectId::new(Kind::Function, &f.name.schema, &f.name.name, &f.identity_args)
}

fn target(f: &Function) -> CommentTarget {
    CommentTarget::Function(f.signature(), f.kind == FunctionKind::Procedure)
}

pub(super) fn functions(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for p in pairs(&from.functions, &to.functions) {
        match p {
            Pair::Added(f) => create_function(out, f),
            Pair::Removed(f) => out.push(drop_function(f)),
            Pair::Both(a, b) => {
                if a.definition != b.definition {
                    if a.result == b.result && a.arguments == b.arguments && a.kind == b.kind {
                        out.push(with_body_hazard(
                            Change::new(Action::Alter, fid(b), Op::CreateFunction(b.clone())),
                            b,
                        ));
                    } else {
                        out.push(drop_function(a));
                        out.push(with_body_hazard(
                            Change::new(Action::Create, fid(b), Op::CreateFunction(b.clone())),
                            b,
                        ));
                    }
                }
                comment(out, fid(b), target(b), Some(&a.comment), &b.comment);
            }
        }
    }
}

/// pg_depend records what a `BEGIN ATOMIC` body uses; plpgsql and string SQL bodies are parsed
/// (plan::body). What stays unknown (SQL built at run time, other languages, unparsable bodies) is a hazard.
fn with_body_hazard(c: Change, f: &Function) -> Change {
    use crate::plan::body::{track, Tracking};
    let why = match track(&f.definition) {
        Tracking::Catalog => return c,
        Tracking::Parsed(n) if !n.dynamic => return c,
        Tracking::Parsed(_) => format!(
            "{} builds SQL at run time (EXECUTE): objects named there are not ordered by this plan",
            f.signature()
        ),
        Tracking::Unknown => format!(
            "references inside the body of {} are not tracked (language or body pg_query cannot parse): \
             objects it uses are not ordered",
            f.signature()
        ),
    };
    c.with_hazard(crate::hazard::Hazard::new(crate::hazard::HazardKind::UntrackedDependencies, why))
}

pub(super) fn create_function(out: &mut Vec<Change>, f: &Function) {
    out.push(with_body_hazard(Change::new(Action::Create, fid(f), Op::CreateFunction(f.clone())), f));
    comment(out, fid(f), target(f), None, &f.comment);
}

pub(super) fn drop_function(f: &Function) -> Change {
    let op = Op::DropFunction { signature: f.signature(), procedure: f.kind == FunctionKind::Procedure };
    Change::new(Action::Drop, fid(f), op)
}

fn trigger_id(t: &Trigger) -> ObjectId {
    ObjectId::new(Kind::Trigger, &t.table.schema, &t.table.name, &t.name)
}

/// Triggers go with their table or view: no separate drop when that is dropped.
pub(super) fn triggers(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for p in pairs(&from.triggers, &to.triggers) {
        match p {
            Pair::Added(t) => create_trigger(out, t),
            Pair::Removed(t) => {
                // A trigger goes with its table or view; on a table outside the model (a platform's
                // auth.users under a profile) it is dropped on its own.
                let kept = to.tables.contains_key(&t.table) || to.views.contains_key(&t.table);
                let modelled = from.tables.contains_key(&t.table) || from.views.contains_key(&t.table);
                if kept || !modelled {
                    out.push(drop_trigger(t));
                }
            }
            Pair::Both(a, b) => {
                if a.definition != b.definition {
                    out.push(drop_trigger(a));
                    create_trigger(out, b);
                } else {
                    if a.enabled != b.enabled {
                        let op =
                            Op::SetTriggerState { table: b.table.clone(), name: b.name.clone(), enabled: b.enabled };
                        out.push(Change::new(Action::Alter, trigger_id(b), op));
                    }
                    let target = CommentTarget::Trigger(b.table.clone(), b.name.clone());
                    comment(out, trigger_id(b), target, Some(&a.comment), &b.comment);
                }
            }
        }
    }
}

pub(super) fn create_trigger(out: &mut Vec<Change>, t: &Trigger) {
    out.push(Change::new(Action::Create, trigger_id(t), Op::CreateTrigger(t.clone())));
    comment(out, trigger_id(t), CommentTarget::Trigger(t.table.clone(), t.name.clone()), None, &t.comment);
}

pub(super) fn drop_trigger(t: &Trigger) -> Change {
    Change::new(Action::Drop, trigger_id(t), Op::DropTrigger { table: t.table.clone(), name: t.name.clone() })
}
