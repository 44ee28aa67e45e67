//! Constraints: added (NOT VALID then validated in online mode), dropped, validated.

use crate::pg::prelude::*;

/// What pgdrift does to a constraint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ConstraintOp {
    Add { table: QName, constraint: Constraint },
    Drop { table: QName, name: String },
    Validate { table: QName, name: String },
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &ConstraintOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        ConstraintOp::Add { table, constraint } => one(format!(
            "ALTER TABLE {} ADD CONSTRAINT {} {}{};",
            table.sql(),
            Ident(&constraint.name),
            constraint_definition(constraint),
            if constraint.validated { "" } else { " NOT VALID" }
        )),
        ConstraintOp::Drop { table, name } => {
            one(format!("ALTER TABLE {} DROP CONSTRAINT {};", table.sql(), Ident(name)))
        }
        ConstraintOp::Validate { table, name } => {
            one(format!("ALTER TABLE {} VALIDATE CONSTRAINT {};", table.sql(), Ident(name)))
        }
    }
}
/// `pg_get_constraintdef` leaves out the storage parameters of a constraint's index; put them back where
/// the grammar wants them (index parameters come before DEFERRABLE and before an exclusion's WHERE).
fn constraint_definition(c: &Constraint) -> String {
    if c.index_options.is_empty() {
        return c.definition.clone();
    }
    let with = format!(" WITH ({})", c.index_options.join(", "));
    let cut = [" DEFERRABLE", " NOT DEFERRABLE", " WHERE ("].iter().filter_map(|k| c.definition.find(k)).min();
    match cut {
        Some(i) => format!("{}{with}{}", &c.definition[..i], &c.definition[i..]),
        None => format!("{}{with}", c.definition),
    }
}

/// `existing`: the table already has rows that the constraint is checked against.
pub(crate) fn add_constraint(out: &mut Vec<Change>, q: &QName, c: &Constraint, existing: bool) {
    let id = ObjectId::constraint(q, &c.name);
    let mut change = Change::new(
        Action::Create,
        id.clone(),
        Op::Constraint(ConstraintOp::Add { table: q.clone(), constraint: c.clone() }),
    );
    if existing && c.validated {
        change = change.with_hazard(Hazard::new(
            HazardKind::MayFail,
            format!("adds constraint {} on {q}: fails if existing rows violate it", c.name),
        ));
    }
    out.push(change);
    comment(out, id, CommentTarget::Constraint(q.clone(), c.name.clone()), None, &c.comment);
}

pub(crate) fn drop_constraint(q: &QName, name: &str) -> Change {
    let op = Op::Constraint(ConstraintOp::Drop { table: q.clone(), name: name.into() });
    Change::new(Action::Drop, ObjectId::constraint(q, name), op)
}
