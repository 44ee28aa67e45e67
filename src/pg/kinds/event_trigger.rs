//! Event triggers (database-wide): created, dropped and created again when their event, tags or function
//! change, enabled or disabled in place.

use crate::pg::inspect::rows::{code, get};
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to an event trigger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum EventTriggerOp {
    Create(EventTrigger),
    Drop(String),
    /// ENABLE / DISABLE / ENABLE REPLICA / ENABLE ALWAYS.
    SetState {
        name: String,
        enabled: TriggerState,
    },
}

fn id(e: &EventTrigger) -> ObjectId {
    ObjectId::new(Kind::EventTrigger, "", &e.name, "")
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.event_triggers, &to.event_triggers) {
        match p {
            Pair::Added(e) => create(out, e),
            Pair::Removed(e) => out.push(drop(e)),
            Pair::Both(a, b) => {
                if (&a.event, &a.tags, &a.function) != (&b.event, &b.tags, &b.function) {
                    out.push(drop(a));
                    create(out, b);
                    continue;
                }
                if a.enabled != b.enabled {
                    let op = EventTriggerOp::SetState { name: b.name.clone(), enabled: b.enabled };
                    out.push(Change::new(Action::Alter, id(b), Op::EventTrigger(op)));
                }
                comment(out, id(b), CommentTarget::EventTrigger(b.name.clone()), Some(&a.comment), &b.comment);
            }
        }
    }
}

pub(crate) fn create(out: &mut Vec<Change>, e: &EventTrigger) {
    out.push(Change::new(Action::Create, id(e), Op::EventTrigger(EventTriggerOp::Create(e.clone()))));
    comment(out, id(e), CommentTarget::EventTrigger(e.name.clone()), None, &e.comment);
}

pub(crate) fn drop(e: &EventTrigger) -> Change {
    Change::new(Action::Drop, id(e), Op::EventTrigger(EventTriggerOp::Drop(e.name.clone())))
}

/// Rows of `sql/pg/event_trigger.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name: String = get(r, "name")?;
        oids.event_triggers.insert(get(r, "oid")?, ObjectId::new(Kind::EventTrigger, "", &name, ""));
        // Kept as declared: pg_dump prints them in that order.
        let tags: Vec<String> = get(r, "tags")?;
        let e = EventTrigger {
            name: name.clone(),
            event: get(r, "event")?,
            tags,
            function: QName::new(get::<String>(r, "function_schema")?, get::<String>(r, "function_name")?),
            enabled: code(r, "enabled", &format!("event trigger {name}"))?,
            comment: get(r, "comment")?,
        };
        cat.event_triggers.insert(name, e);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &EventTriggerOp) -> Vec<String> {
    let state = |name: &str, enabled: TriggerState| format!("ALTER EVENT TRIGGER {} {};", Ident(name), enabled.verb());
    match op {
        EventTriggerOp::Create(e) => {
            let tags = if e.tags.is_empty() {
                String::new()
            } else {
                let list: Vec<String> = e.tags.iter().map(|t| Literal(t).to_string()).collect();
                format!(" WHEN TAG IN ({})", list.join(", "))
            };
            let mut v = vec![format!(
                "CREATE EVENT TRIGGER {} ON {}{tags} EXECUTE FUNCTION {}();",
                Ident(&e.name),
                Ident(&e.event),
                e.function.sql()
            )];
            if e.enabled != TriggerState::Enabled {
                v.push(state(&e.name, e.enabled));
            }
            v
        }
        EventTriggerOp::Drop(name) => vec![format!("DROP EVENT TRIGGER {};", Ident(name))],
        EventTriggerOp::SetState { name, enabled } => vec![state(name, *enabled)],
    }
}
