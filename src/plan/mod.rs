//! Plan: order the changes with one dependency graph, attach transaction groups; still no SQL text.

pub mod check_data;
pub mod graph;
pub mod online;

use crate::error::Result;
use crate::model::Catalog;
use crate::pg::kinds::EnumOp;
use crate::pg::{Change, Diff, Op, UnmodelledDiff};
use serde::Serialize;

/// One step of a plan: a change and whether it may run inside a transaction block.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    pub change: Change,
    pub transactional: bool,
    /// Positions of the earlier steps this one depends on (a withheld step withholds its dependents).
    pub after: Vec<usize>,
}

/// The ordered plan.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Plan {
    pub steps: Vec<Step>,
    pub unmodelled: Vec<UnmodelledDiff>,
    /// Renames that look likely but were not applied (`--renames suggest`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggested_renames: Vec<crate::renames::Suggested>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty() && self.unmodelled.is_empty()
    }
}

/// Order a diff into a plan. `from` is the database the plan runs against.
pub fn plan(diff: Diff, from: &Catalog, to: &Catalog) -> Result<Plan> {
    let ordered = graph::order(diff.changes, from, to)?;
    let steps = ordered
        .into_iter()
        .map(|(change, after)| {
            // Before PostgreSQL 12, ALTER TYPE .. ADD VALUE cannot run inside a transaction block.
            let transactional = !(matches!(change.op, Op::Enum(EnumOp::AddValue { .. }))
                && from.server_version > 0
                && from.server_version < 120000);
            Step { change, transactional, after }
        })
        .collect();
    Ok(Plan { steps, unmodelled: diff.unmodelled, suggested_renames: Vec::new() })
}
