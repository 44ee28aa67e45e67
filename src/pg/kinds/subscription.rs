//! Subscriptions. pgdrift never connects a database to a publisher by surprise: a new subscription is
//! created with `connect = false` (no slot made, disabled), with a hazard saying how to start it; one
//! dropped is first disabled and detached from its slot (`slot_name = NONE`), which the publisher keeps
//! (a hazard says so). The connection string is never read: a new subscription's comes from the psql
//! variable (or, for `pgdrift apply`, the environment variable) the script names.

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{decode_err, Decoding, Failure};
use crate::pg::options;
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a subscription.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum SubscriptionOp {
    Create(Subscription),
    Drop(String),
    /// `ALTER SUBSCRIPTION .. SET PUBLICATION .. WITH (refresh = false)`.
    SetPublications {
        name: String,
        publications: Vec<String>,
    },
    /// `ALTER SUBSCRIPTION .. SET (..)`: TO's options.
    SetOptions(Subscription),
    /// `ALTER SUBSCRIPTION .. ENABLE` / `DISABLE`.
    SetEnabled {
        name: String,
        enabled: bool,
    },
}

fn id(s: &Subscription) -> ObjectId {
    ObjectId::new(Kind::Subscription, "", &s.name, "")
}

fn connection_variable(name: &str) -> String {
    options::variable(&format!("subscription {name}"), "connection")
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.subscriptions, &to.subscriptions) {
        match p {
            Pair::Added(s) => create(out, s),
            Pair::Removed(s) => out.push(drop(s)),
            // two_phase cannot be altered (before PostgreSQL 18): a re-creation.
            Pair::Both(a, b) if a.two_phase != b.two_phase => {
                out.push(drop(a));
                create(out, b);
            }
            Pair::Both(a, b) => {
                let alter = |op| Change::new(Action::Alter, id(b), Op::Subscription(op));
                if a.publications != b.publications {
                    let op =
                        SubscriptionOp::SetPublications { name: b.name.clone(), publications: b.publications.clone() };
                    out.push(alter(op));
                }
                if options(a) != options(b) {
                    out.push(alter(SubscriptionOp::SetOptions(b.clone())));
                }
                if a.enabled != b.enabled {
                    let op = SubscriptionOp::SetEnabled { name: b.name.clone(), enabled: b.enabled };
                    let why = format!("subscription {} starts replicating from its publisher", b.name);
                    let c = alter(op);
                    out.push(if b.enabled { c.with_hazard(Hazard::new(HazardKind::MayFail, why)) } else { c });
                }
                let target = CommentTarget::Subscription(b.name.clone());
                comment(out, id(b), target, Some(&a.comment), &b.comment);
            }
        }
    }
}

/// What `ALTER SUBSCRIPTION .. SET (..)` changes.
fn options(s: &Subscription) -> (&Option<String>, &String, bool, &String, bool) {
    (&s.slot_name, &s.synchronous_commit, s.binary, &s.streaming, s.disable_on_error)
}

pub(crate) fn create(out: &mut Vec<Change>, s: &Subscription) {
    let why = format!(
        "subscription {} is created without connecting (connect = false, disabled, no slot made){}",
        s.name,
        if s.enabled {
            format!(": create its slot on the publisher, then ALTER SUBSCRIPTION {} ENABLE", Ident(&s.name))
        } else {
            String::new()
        }
    );
    let c = Change::new(Action::Create, id(s), Op::Subscription(SubscriptionOp::Create(s.clone())));
    out.push(c.with_hazard(Hazard::new(HazardKind::MayFail, why)));
    comment(out, id(s), CommentTarget::Subscription(s.name.clone()), None, &s.comment);
}

pub(crate) fn drop(s: &Subscription) -> Change {
    let c = Change::new(Action::Drop, id(s), Op::Subscription(SubscriptionOp::Drop(s.name.clone())));
    match &s.slot_name {
        Some(slot) => c.with_hazard(Hazard::new(
            HazardKind::DeletesData,
            format!("drops subscription {}; its slot {slot} stays on the publisher: drop it there", s.name),
        )),
        None => c.with_hazard(Hazard::deletes(format!("subscription {}", s.name))),
    }
}

/// Rows of `sql/pg/subscription.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name: String = get(r, "name")?;
        oids.others.insert((get(r, "classid")?, get(r, "oid")?), ObjectId::new(Kind::Subscription, "", &name, ""));
        let streaming = match get::<&str>(r, "streaming")? {
            "false" | "f" => "off",
            "true" | "t" => "on",
            "p" => "parallel",
            other => return Err(decode_err(format!("subscription {name}"), format!("unknown streaming {other:?}"))),
        };
        let s = Subscription {
            name: name.clone(),
            publications: get(r, "publications")?,
            enabled: get(r, "enabled")?,
            slot_name: get(r, "slot_name")?,
            synchronous_commit: get(r, "synchronous_commit")?,
            binary: get(r, "binary")?,
            streaming: streaming.into(),
            two_phase: get(r, "two_phase")?,
            disable_on_error: get(r, "disable_on_error")?,
            comment: get(r, "comment")?,
        };
        cat.subscriptions.insert(name, s);
    }
    Ok(())
}

fn publications(list: &[String]) -> String {
    list.iter().map(|p| Ident(p).to_string()).collect::<Vec<_>>().join(", ")
}

fn slot(s: &Subscription) -> String {
    s.slot_name.as_deref().map_or("NONE".into(), |n| Literal(n).to_string())
}

/// The psql variables its SQL needs.
pub(crate) fn secrets(op: &SubscriptionOp) -> Vec<String> {
    match op {
        SubscriptionOp::Create(s) => vec![connection_variable(&s.name)],
        SubscriptionOp::Drop(_)
        | SubscriptionOp::SetPublications { .. }
        | SubscriptionOp::SetOptions(_)
        | SubscriptionOp::SetEnabled { .. } => Vec::new(),
    }
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &SubscriptionOp) -> Vec<String> {
    match op {
        SubscriptionOp::Create(s) => {
            let note = options::secret_note("this subscription (its connection string)", &secrets(op));
            vec![format!(
                "{note}CREATE SUBSCRIPTION {} CONNECTION :'{}' PUBLICATION {} WITH (connect = false, enabled = false, \
                 create_slot = false, slot_name = {}, synchronous_commit = {}, binary = {}, streaming = {}, \
                 two_phase = {}, disable_on_error = {});",
                Ident(&s.name),
                connection_variable(&s.name),
                publications(&s.publications),
                slot(s),
                Literal(&s.synchronous_commit),
                s.binary,
                s.streaming,
                s.two_phase,
                s.disable_on_error
            )]
        }
        SubscriptionOp::Drop(name) => vec![
            format!("ALTER SUBSCRIPTION {} DISABLE;", Ident(name)),
            format!("ALTER SUBSCRIPTION {} SET (slot_name = NONE);", Ident(name)),
            format!("DROP SUBSCRIPTION {};", Ident(name)),
        ],
        SubscriptionOp::SetPublications { name, publications: list } => vec![format!(
            "ALTER SUBSCRIPTION {} SET PUBLICATION {} WITH (refresh = false);",
            Ident(name),
            publications(list)
        )],
        SubscriptionOp::SetOptions(s) => vec![format!(
            "ALTER SUBSCRIPTION {} SET (slot_name = {}, synchronous_commit = {}, binary = {}, streaming = {}, \
             disable_on_error = {});",
            Ident(&s.name),
            slot(s),
            Literal(&s.synchronous_commit),
            s.binary,
            s.streaming,
            s.disable_on_error
        )],
        SubscriptionOp::SetEnabled { name, enabled } => {
            vec![format!("ALTER SUBSCRIPTION {} {};", Ident(name), if *enabled { "ENABLE" } else { "DISABLE" })]
        }
    }
}
