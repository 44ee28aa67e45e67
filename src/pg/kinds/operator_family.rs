//! Operator families: created, dropped, their loose members (those no class of theirs holds) added and
//! dropped in place (`ALTER OPERATOR FAMILY .. ADD / DROP`). Members of families and classes are read and
//! written here for both kinds.

use super::operator::operator_sql;
use crate::pg::inspect::rows::get;
use crate::pg::inspect::{decode_err, Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;
use serde::Deserialize;

/// What pgdrift does to an operator family.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum OperatorFamilyOp {
    Create {
        name: QName,
        method: String,
    },
    Drop {
        name: QName,
        method: String,
    },
    /// `ALTER OPERATOR FAMILY .. ADD` members.
    Add {
        name: QName,
        method: String,
        members: Vec<OpMember>,
    },
    /// `ALTER OPERATOR FAMILY .. DROP` members.
    Remove {
        name: QName,
        method: String,
        members: Vec<OpMember>,
    },
}

fn id(f: &OperatorFamily) -> ObjectId {
    ObjectId::new(Kind::OperatorFamily, &f.name.schema, &f.name.name, &f.method)
}

fn target(f: &OperatorFamily) -> CommentTarget {
    CommentTarget::OperatorFamily(f.name.clone(), f.method.clone())
}

/// A member's identity within its family: its strategy or support number and operand types.
fn slot(m: &OpMember) -> (bool, i16, &str, &str) {
    match m {
        OpMember::Operator { strategy, left, right, .. } => (true, *strategy, left, right),
        OpMember::Function { number, left, right, .. } => (false, *number, left, right),
    }
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.operator_families, &to.operator_families) {
        match p {
            Pair::Added(f) => {
                let op = OperatorFamilyOp::Create { name: f.name.clone(), method: f.method.clone() };
                out.push(Change::new(Action::Create, id(f), Op::OperatorFamily(op)));
                add(out, f, f.members.clone());
                comment(out, id(f), target(f), None, &f.comment);
            }
            Pair::Removed(f) => {
                let op = OperatorFamilyOp::Drop { name: f.name.clone(), method: f.method.clone() };
                out.push(Change::new(Action::Drop, id(f), Op::OperatorFamily(op)));
            }
            Pair::Both(a, b) => {
                // A member whose slot holds something else is dropped and added again.
                let gone: Vec<OpMember> = a.members.iter().filter(|m| !b.members.contains(m)).cloned().collect();
                let new: Vec<OpMember> = b.members.iter().filter(|m| !a.members.contains(m)).cloned().collect();
                if !gone.is_empty() {
                    let op = OperatorFamilyOp::Remove { name: b.name.clone(), method: b.method.clone(), members: gone };
                    out.push(Change::new(Action::Alter, id(b), Op::OperatorFamily(op)));
                }
                add(out, b, new);
                comment(out, id(b), target(b), Some(&a.comment), &b.comment);
            }
        }
    }
}

fn add(out: &mut Vec<Change>, f: &OperatorFamily, members: Vec<OpMember>) {
    if !members.is_empty() {
        let op = OperatorFamilyOp::Add { name: f.name.clone(), method: f.method.clone(), members };
        out.push(Change::new(Action::Alter, id(f), Op::OperatorFamily(op)));
    }
}

#[derive(Deserialize)]
struct OperatorRow {
    oid: u32,
    strategy: i16,
    schema: String,
    name: String,
    left: String,
    right: String,
    sort_schema: Option<String>,
    sort_name: Option<String>,
}

#[derive(Deserialize)]
struct FunctionRow {
    oid: u32,
    number: i16,
    left: String,
    right: String,
    schema: String,
    name: String,
    args: String,
}

/// The members a row's `operators` and `functions` JSON columns list, their pg_amop / pg_amproc OIDs
/// recorded as `owner` (so pg_depend rows of a member are its class's or family's).
pub(crate) fn members(d: &mut Decoding, r: &Row, owner: &ObjectId) -> Result<Vec<OpMember>, Failure> {
    let what = || format!("members of {owner}");
    let operators: Vec<OperatorRow> =
        serde_json::from_str(&get::<String>(r, "operators")?).map_err(|e| decode_err(what(), e))?;
    let functions: Vec<FunctionRow> =
        serde_json::from_str(&get::<String>(r, "functions")?).map_err(|e| decode_err(what(), e))?;
    let (amop, amproc): (u32, u32) = (get(r, "amop_class")?, get(r, "amproc_class")?);
    let mut out = Vec::with_capacity(operators.len() + functions.len());
    for o in operators {
        d.oids.others.insert((amop, o.oid), owner.clone());
        let order_by = match (o.sort_schema, o.sort_name) {
            (Some(s), Some(n)) => Some(QName::new(s, n)),
            _ => None,
        };
        let operator = QName::new(o.schema, o.name);
        out.push(OpMember::Operator { strategy: o.strategy, operator, left: o.left, right: o.right, order_by });
    }
    for f in functions {
        d.oids.others.insert((amproc, f.oid), owner.clone());
        let function = FunctionRef { function: QName::new(f.schema, f.name), args: f.args };
        out.push(OpMember::Function { number: f.number, left: f.left, right: f.right, function });
    }
    out.sort();
    Ok(out)
}

/// Rows of `sql/pg/operator_family.sql`.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let method: String = get(r, "method")?;
        let owner = ObjectId::new(Kind::OperatorFamily, &name.schema, &name.name, &method);
        d.oids.others.insert((get(r, "classid")?, get(r, "oid")?), owner.clone());
        let members = members(d, r, &owner)?;
        let f = OperatorFamily { name: name.clone(), method: method.clone(), members, comment: get(r, "comment")? };
        d.catalog.operator_families.insert((name, method), f);
    }
    Ok(())
}

/// `OPERATOR 1 schema.op (left, right) [FOR ORDER BY family]`, `FUNCTION 1 (left, right) f(args)`.
pub(crate) fn member_sql(m: &OpMember) -> String {
    match m {
        OpMember::Operator { strategy, operator, left, right, order_by } => {
            let purpose = order_by.as_ref().map(|f| format!(" FOR ORDER BY {}", f.sql())).unwrap_or_default();
            format!("OPERATOR {strategy} {} ({left}, {right}){purpose}", operator_sql(operator))
        }
        OpMember::Function { number, left, right, function } => {
            format!("FUNCTION {number} ({left}, {right}) {}", function.sql())
        }
    }
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &OperatorFamilyOp) -> Vec<String> {
    let family = |name: &QName, method: &str| format!("OPERATOR FAMILY {} USING {}", name.sql(), Ident(method));
    match op {
        OperatorFamilyOp::Create { name, method } => vec![format!("CREATE {};", family(name, method))],
        OperatorFamilyOp::Drop { name, method } => vec![format!("DROP {};", family(name, method))],
        OperatorFamilyOp::Add { name, method, members } => {
            let list: Vec<String> = members.iter().map(member_sql).collect();
            vec![format!("ALTER {} ADD {};", family(name, method), list.join(", "))]
        }
        OperatorFamilyOp::Remove { name, method, members } => {
            let list: Vec<String> = members
                .iter()
                .map(|m| {
                    let (op, n, left, right) = slot(m);
                    format!("{} {n} ({left}, {right})", if op { "OPERATOR" } else { "FUNCTION" })
                })
                .collect();
            vec![format!("ALTER {} DROP {};", family(name, method), list.join(", "))]
        }
    }
}
