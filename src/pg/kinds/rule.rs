//! Rewrite rules on tables and views: created from their definition, dropped and created again when it
//! changes, enabled or disabled in place.

use crate::pg::inspect::rows::{code, get, table_member};
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum RuleOp {
    Create(Rule),
    Drop {
        table: QName,
        name: String,
    },
    /// ENABLE / DISABLE / ENABLE REPLICA / ENABLE ALWAYS RULE.
    SetState {
        table: QName,
        name: String,
        enabled: TriggerState,
    },
}

pub(crate) fn rule_id(r: &Rule) -> ObjectId {
    ObjectId::new(Kind::Rule, &r.table.schema, &r.table.name, &r.name)
}

/// Rules go with their table or view: no separate drop when that is dropped.
pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.rules, &to.rules) {
        match p {
            Pair::Added(r) => create(out, r),
            Pair::Removed(r) => {
                if to.has_relation(&r.table) || !from.has_relation(&r.table) {
                    out.push(drop(r));
                }
            }
            Pair::Both(a, b) => {
                if a.definition != b.definition {
                    out.push(drop(a));
                    create(out, b);
                    continue;
                }
                if a.enabled != b.enabled {
                    let op = RuleOp::SetState { table: b.table.clone(), name: b.name.clone(), enabled: b.enabled };
                    out.push(Change::new(Action::Alter, rule_id(b), Op::Rule(op)));
                }
                let target = CommentTarget::Rule(b.table.clone(), b.name.clone());
                comment(out, rule_id(b), target, Some(&a.comment), &b.comment);
            }
        }
    }
}

pub(crate) fn create(out: &mut Vec<Change>, r: &Rule) {
    out.push(Change::new(Action::Create, rule_id(r), Op::Rule(RuleOp::Create(r.clone()))));
    comment(out, rule_id(r), CommentTarget::Rule(r.table.clone(), r.name.clone()), None, &r.comment);
}

pub(crate) fn drop(r: &Rule) -> Change {
    Change::new(Action::Drop, rule_id(r), Op::Rule(RuleOp::Drop { table: r.table.clone(), name: r.name.clone() }))
}

/// Rows of `sql/pg/rule.sql` (a rule's OID joins the rewrite map its pg_depend rows are read with).
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let (table, name) = table_member(r, Kind::Rule, &mut oids.rewrites)?;
        let rule = Rule {
            table: table.clone(),
            name: name.clone(),
            definition: get(r, "definition")?,
            enabled: code(r, "enabled", &format!("rule {table}.{name}"))?,
            comment: get(r, "comment")?,
        };
        cat.rules.insert((table, name), rule);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &RuleOp) -> Vec<String> {
    let state = |table: &QName, name: &str, enabled: TriggerState| {
        format!("ALTER TABLE {} {} RULE {};", table.sql(), enabled.verb(), Ident(name))
    };
    match op {
        RuleOp::Create(r) => {
            let mut v = vec![r.definition.trim_end().to_string()];
            if r.enabled != TriggerState::Enabled {
                v.push(state(&r.table, &r.name, r.enabled));
            }
            v
        }
        RuleOp::Drop { table, name } => vec![format!("DROP RULE {} ON {};", Ident(name), table.sql())],
        RuleOp::SetState { table, name, enabled } => vec![state(table, name, *enabled)],
    }
}
