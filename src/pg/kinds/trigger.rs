//! Triggers: created from their definition, dropped, enabled or disabled.

use crate::pg::inspect::rows::{code, get, table_member};
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a trigger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum TriggerOp {
    Create(Trigger),
    Drop {
        table: QName,
        name: String,
    },
    /// ENABLE / DISABLE / ENABLE REPLICA / ENABLE ALWAYS.
    SetState {
        table: QName,
        name: String,
        enabled: TriggerState,
    },
}

pub(crate) fn trigger_id(t: &Trigger) -> ObjectId {
    ObjectId::new(Kind::Trigger, &t.table.schema, &t.table.name, &t.name)
}

/// Triggers go with their table or view: no separate drop when that is dropped.
pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
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
                        let op = Op::Trigger(TriggerOp::SetState {
                            table: b.table.clone(),
                            name: b.name.clone(),
                            enabled: b.enabled,
                        });
                        out.push(Change::new(Action::Alter, trigger_id(b), op));
                    }
                    let target = CommentTarget::Trigger(b.table.clone(), b.name.clone());
                    comment(out, trigger_id(b), target, Some(&a.comment), &b.comment);
                }
            }
        }
    }
}

pub(crate) fn create_trigger(out: &mut Vec<Change>, t: &Trigger) {
    out.push(Change::new(Action::Create, trigger_id(t), Op::Trigger(TriggerOp::Create(t.clone()))));
    comment(out, trigger_id(t), CommentTarget::Trigger(t.table.clone(), t.name.clone()), None, &t.comment);
}

pub(crate) fn drop_trigger(t: &Trigger) -> Change {
    Change::new(
        Action::Drop,
        trigger_id(t),
        Op::Trigger(TriggerOp::Drop { table: t.table.clone(), name: t.name.clone() }),
    )
}

/// Rows of `sql/pg/trigger.sql` into the catalog (OIDs recorded in the inspector's map only).
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let (table, name) = table_member(r, Kind::Trigger, &mut oids.triggers)?;
        let t = Trigger {
            table: table.clone(),
            name: name.clone(),
            definition: get(r, "definition")?,
            enabled: code(r, "enabled", &format!("trigger {table}.{name}"))?,
            comment: get(r, "comment")?,
        };
        cat.triggers.insert((table, name), t);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &TriggerOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        TriggerOp::Create(t) => {
            let mut v = vec![format!("{};", t.definition)];
            if t.enabled != TriggerState::Enabled {
                v.push(trigger_state(&t.table, &t.name, t.enabled));
            }
            v
        }
        TriggerOp::Drop { table, name } => one(format!("DROP TRIGGER {} ON {};", Ident(name), table.sql())),
        TriggerOp::SetState { table, name, enabled } => one(trigger_state(table, name, *enabled)),
    }
}
fn trigger_state(table: &QName, name: &str, enabled: TriggerState) -> String {
    format!("ALTER TABLE {} {} {};", table.sql(), enabled.sql(), Ident(name))
}
