//! Diff of row level security: the table flags (ENABLE, FORCE) and policies, altered in place with ALTER
//! POLICY when only roles or expressions change (a USING or WITH CHECK that disappears needs recreation).

use crate::pg::inspect::rows::{code, get, table_member};
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum PolicyOp {
    Create(Policy),
    Drop {
        table: QName,
        name: String,
    },
    /// ALTER POLICY: roles, USING and WITH CHECK (command and permissiveness need drop + create).
    Alter(Policy),
}

fn authz(what: String) -> Hazard {
    Hazard::new(HazardKind::Authz, what)
}

fn pid(p: &Policy) -> ObjectId {
    ObjectId::new(Kind::Policy, &p.table.schema, &p.table.name, &p.name)
}

fn row_security(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for (q, b) in &to.tables {
        let (was_enabled, was_forced) = from.tables.get(q).map(|a| (a.rls, a.force_rls)).unwrap_or((false, false));
        let enabled = (was_enabled != b.rls).then_some(b.rls);
        let forced = (was_forced != b.force_rls).then_some(b.force_rls);
        if enabled.is_some() || forced.is_some() {
            let op = Op::Table(TableOp::SetRowSecurity { table: q.clone(), enabled, forced });
            let why = format!("changes row level security of {q}: who sees which rows changes");
            out.push(Change::new(Action::Alter, ObjectId::of(Kind::Table, q), op).with_hazard(authz(why)));
        }
    }
}

/// `REPLICA IDENTITY`: set when it differs, or when the index it uses is (re)built by the plan.
fn replica_identity(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for (q, b) in &to.tables {
        let was = from.tables.get(q).and_then(|a| a.replica_identity.clone());
        let index = match &b.replica_identity {
            Some(ReplicaIdentity::UsingIndex(name)) => Some(ObjectId::new(Kind::Index, &q.schema, name, "")),
            Some(ReplicaIdentity::Full | ReplicaIdentity::Nothing) | None => None,
        };
        let rebuilt = index.as_ref().is_some_and(|i| out.iter().any(|c| c.action == Action::Create && &c.id == i));
        if was != b.replica_identity || (rebuilt && from.tables.contains_key(q)) {
            let op = Op::Table(TableOp::SetReplicaIdentity { table: q.clone(), identity: b.replica_identity.clone() });
            // Its own vertex (not the table's): an index the table gains must come first, and the index
            // itself needs the table.
            let id = ObjectId::new(Kind::Table, &q.schema, &q.name, "replica identity");
            let change = Change::new(Action::Alter, id, op).needing(index).needing([ObjectId::of(Kind::Table, q)]);
            out.push(change);
        }
    }
}

/// The tables' row level security flags and replica identity (`ALTER TABLE` forms kept beside policies),
/// then the policies.
pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    row_security(from, to, out);
    replica_identity(from, to, out);
    policies(from, to, out);
}

fn policies(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    for p in pairs(&from.policies, &to.policies) {
        match p {
            Pair::Added(p) => create(out, p),
            Pair::Removed(p) => {
                // A policy goes with its table, unless the table is outside the model (a profile's).
                if to.tables.contains_key(&p.table) || !from.tables.contains_key(&p.table) {
                    out.push(drop(p));
                }
            }
            Pair::Both(a, b) => {
                let same_shape = a.permissive == b.permissive && a.command == b.command;
                let keeps_clauses =
                    (a.using.is_none() || b.using.is_some()) && (a.check.is_none() || b.check.is_some());
                if !same_shape || !keeps_clauses {
                    out.push(drop(a));
                    create(out, b);
                } else {
                    if a.roles != b.roles || a.using != b.using || a.check != b.check {
                        let why = format!("alters policy {} on {}", b.name, b.table);
                        out.push(
                            Change::new(Action::Alter, pid(b), Op::Policy(PolicyOp::Alter(b.clone())))
                                .with_hazard(authz(why)),
                        );
                    }
                    let target = CommentTarget::Policy(b.table.clone(), b.name.clone());
                    comment(out, pid(b), target, Some(&a.comment), &b.comment);
                }
            }
        }
    }
}

pub(crate) fn create(out: &mut Vec<Change>, p: &Policy) {
    let why = format!("creates policy {} on {}", p.name, p.table);
    out.push(Change::new(Action::Create, pid(p), Op::Policy(PolicyOp::Create(p.clone()))).with_hazard(authz(why)));
    comment(out, pid(p), CommentTarget::Policy(p.table.clone(), p.name.clone()), None, &p.comment);
}

pub(crate) fn drop(p: &Policy) -> Change {
    let why = format!("drops policy {} on {}", p.name, p.table);
    Change::new(Action::Drop, pid(p), Op::Policy(PolicyOp::Drop { table: p.table.clone(), name: p.name.clone() }))
        .with_hazard(authz(why))
}

/// Rows of `sql/pg/policy.sql` into the catalog (OIDs recorded in the inspector's map only).
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let (table, name) = table_member(r, Kind::Policy, &mut oids.policies)?;
        let p = Policy {
            table: table.clone(),
            name: name.clone(),
            permissive: get(r, "permissive")?,
            command: code(r, "command", &format!("policy {table}.{name}"))?,
            roles: get::<Option<Vec<String>>>(r, "roles")?.unwrap_or_default(),
            using: get(r, "using_expr")?,
            check: get(r, "check_expr")?,
            comment: get(r, "comment")?,
        };
        cat.policies.insert((table, name), p);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &PolicyOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        PolicyOp::Create(p) => {
            let cmd = p.command.sql();
            let kind = if p.permissive { "PERMISSIVE" } else { "RESTRICTIVE" };
            let mut s = format!(
                "CREATE POLICY {} ON {} AS {kind} FOR {cmd} TO {}",
                Ident(&p.name),
                p.table.sql(),
                roles(&p.roles)
            );
            s.push_str(&policy_clauses(p));
            one(format!("{s};"))
        }
        PolicyOp::Drop { table, name } => one(format!("DROP POLICY {} ON {};", Ident(name), table.sql())),
        PolicyOp::Alter(p) => {
            let s = format!("ALTER POLICY {} ON {} TO {}", Ident(&p.name), p.table.sql(), roles(&p.roles));
            one(format!("{s}{};", policy_clauses(p)))
        }
    }
}
/// `PUBLIC`, or role names as the server's `quote_ident` writes them.
fn roles(names: &[String]) -> String {
    let sql: Vec<String> =
        names.iter().map(|r| if r == "PUBLIC" { r.clone() } else { QuotedAsNeeded(r).to_string() }).collect();
    sql.join(", ")
}

fn policy_clauses(p: &Policy) -> String {
    let mut s = String::new();
    if let Some(u) = &p.using {
        s.push_str(&format!(" USING ({u})"));
    }
    if let Some(c) = &p.check {
        s.push_str(&format!(" WITH CHECK ({c})"));
    }
    s
}
