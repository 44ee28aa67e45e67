//! `--check-data`: each `may-fail` step is tried against the live rows of FROM, read-only, and its hazard
//! says what was found: violating rows (the step will fail) or none. One REPEATABLE READ READ ONLY
//! transaction; every probe in its own savepoint, so a failing cast is an answer, not an error.

use super::Plan;
use crate::hazard::{Hazard, HazardKind};
use crate::model::{Constraint, ConstraintKind, Ident, QName};
use crate::pg::kinds::{ColumnOp, ConstraintOp};
use crate::pg::Op;

/// The query whose first row's boolean says "some row would make this step fail", if there is one.
fn probe(op: &Op) -> Option<String> {
    match op {
        Op::Column(o) => column_probe(o),
        Op::Constraint(ConstraintOp::Add { table, constraint }) => constraint_probe(table, constraint),
        Op::Constraint(ConstraintOp::Drop { .. } | ConstraintOp::Validate { .. }) => None,
        // Nothing else can fail on the rows a table holds.
        Op::Schema(_)
        | Op::Extension(_)
        | Op::Enum(_)
        | Op::Domain(_)
        | Op::Composite(_)
        | Op::Collation(_)
        | Op::Range(_)
        | Op::Sequence(_)
        | Op::Aggregate(_)
        | Op::Table(_)
        | Op::Index(_)
        | Op::View(_)
        | Op::Function(_)
        | Op::Publication(_)
        | Op::Policy(_)
        | Op::Trigger(_)
        | Op::Statistics(_)
        | Op::Rule(_)
        | Op::EventTrigger(_)
        | Op::Cast(_)
        | Op::TsDictionary(_)
        | Op::TsConfiguration(_)
        | Op::ForeignDataWrapper(_)
        | Op::ForeignServer(_)
        | Op::UserMapping(_)
        | Op::Subscription(_)
        | Op::Role(_)
        | Op::AccessMethod(_)
        | Op::OperatorFamily(_)
        | Op::OperatorClass(_)
        | Op::Rename(_)
        | Op::Conversion(_)
        | Op::Language(_)
        | Op::Operator(_)
        | Op::TsParser(_)
        | Op::TsTemplate(_)
        | Op::Transform(_)
        | Op::Rows(_)
        | Op::Privilege(_)
        | Op::Comment { .. } => None,
    }
}

fn column_probe(op: &ColumnOp) -> Option<String> {
    match op {
        ColumnOp::SetNotNull { table, column } => {
            Some(format!("SELECT EXISTS (SELECT FROM {} WHERE {} IS NULL)", table.sql(), Ident(column)))
        }
        ColumnOp::Add { table, column } if column.not_null && column.default.is_none() => {
            Some(format!("SELECT EXISTS (SELECT FROM {})", table.sql()))
        }
        // A cast that fails raises inside the savepoint: that is the answer.
        // Through text into an enum the plan may create first: not probed here (the hazard names the labels).
        ColumnOp::AlterType { conversion: crate::pg::Conversion::ThroughText, .. } => None,
        ColumnOp::AlterType { table, column, data_type, .. } => {
            Some(format!("SELECT count({}::{data_type}) < 0 FROM {}", Ident(column), table.sql()))
        }
        ColumnOp::Add { .. }
        | ColumnOp::Drop { .. }
        | ColumnOp::DropNotNull { .. }
        | ColumnOp::SetDefault { .. }
        | ColumnOp::DropDefault { .. }
        | ColumnOp::AddIdentity { .. }
        | ColumnOp::DropIdentity { .. }
        | ColumnOp::AlterIdentity { .. }
        | ColumnOp::SetAttributes { .. }
        | ColumnOp::DropExpression { .. } => None,
    }
}

fn constraint_probe(table: &QName, constraint: &Constraint) -> Option<String> {
    match constraint.kind {
        ConstraintKind::Check => {
            let expr = constraint.definition.trim().strip_prefix("CHECK")?.trim();
            let expr = expr.strip_suffix(" NO INHERIT").unwrap_or(expr);
            Some(format!("SELECT EXISTS (SELECT FROM {} WHERE NOT {expr})", table.sql()))
        }
        ConstraintKind::Unique | ConstraintKind::PrimaryKey => {
            let cols = constraint.definition.split_once('(')?.1.rsplit_once(')')?.0;
            let nulls = if constraint.kind == ConstraintKind::PrimaryKey {
                format!(" OR EXISTS (SELECT FROM {} WHERE ({cols}) IS NULL)", table.sql())
            } else {
                String::new()
            };
            Some(format!("SELECT EXISTS (SELECT FROM {} GROUP BY {cols} HAVING count(*) > 1){nulls}", table.sql()))
        }
        ConstraintKind::ForeignKey => fk_probe(table, &constraint.definition),
        ConstraintKind::Exclusion => None,
    }
}

/// `FOREIGN KEY (a, b) REFERENCES s.t(x, y) ...`: rows whose key is set but has no referenced row.
fn fk_probe(table: &QName, def: &str) -> Option<String> {
    let cols = def.strip_prefix("FOREIGN KEY (")?.split_once(')')?.0;
    let rest = def.split_once(" REFERENCES ")?.1;
    let (target, after) = rest.split_once('(')?;
    let refs = after.split_once(')')?.0;
    let pairs: Vec<String> =
        cols.split(", ").zip(refs.split(", ")).map(|(c, r)| format!("p.{} = c.{}", r.trim(), c.trim())).collect();
    let set: Vec<String> = cols.split(", ").map(|c| format!("c.{} IS NOT NULL", c.trim())).collect();
    Some(format!(
        "SELECT EXISTS (SELECT FROM {} AS c WHERE {} AND NOT EXISTS (SELECT FROM {} AS p WHERE {}))",
        table.sql(),
        set.join(" AND "),
        target.trim(),
        pairs.join(" AND ")
    ))
}

/// Try every may-fail step against `client`'s rows and rewrite its hazard reason with the finding.
/// Returns how many steps were found to fail.
pub fn check_data(plan: &mut Plan, client: &mut postgres::Client) -> crate::Result<usize> {
    let fail = |e: postgres::Error| crate::Error::Execute {
        context: "--check-data".into(),
        cause: crate::error::describe_pg_error(&e),
    };
    let mut tx = client
        .build_transaction()
        .read_only(true)
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .start()
        .map_err(fail)?;
    tx.batch_execute("SET LOCAL statement_timeout = '30s'").map_err(fail)?;
    let mut failing = 0;
    for step in &mut plan.steps {
        if !step.change.hazards.iter().any(|h| h.kind == HazardKind::MayFail) {
            continue;
        }
        let Some(sql) = probe(&step.change.op) else { continue };
        let mut sp = tx.transaction().map_err(fail)?;
        let finding = match sp.query_one(sql.as_str(), &[]) {
            Ok(row) => {
                if row.get::<_, bool>(0) {
                    Some("existing rows violate it: this step will fail".to_string())
                } else {
                    None
                }
            }
            Err(e) => Some(format!("trying it on the rows failed: {}", crate::error::describe_pg_error(&e))),
        };
        let _ = sp.rollback();
        for h in step.change.hazards.iter_mut().filter(|h| h.kind == HazardKind::MayFail) {
            *h = Hazard::new(
                HazardKind::MayFail,
                match &finding {
                    Some(f) => format!("{} [checked against the data: {f}]", h.reason),
                    None => format!("{} [checked against the data: no row violates it]", h.reason),
                },
            );
        }
        failing += usize::from(finding.is_some());
    }
    let _ = tx.rollback();
    Ok(failing)
}
