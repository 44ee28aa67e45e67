//! Emit: the last stage, where a plan becomes text (SQL for Postgres; JSON of the plan).

pub mod pg;
pub mod report;
pub mod summary;

use crate::plan::Plan;

/// How to render a script.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Emit statements whose hazards make them unsafe instead of withholding them as comments.
    pub unsafe_ok: bool,
    /// Omit BEGIN/COMMIT.
    pub no_transaction: bool,
    /// Unsafe hazard kinds permitted individually.
    pub allow: Vec<crate::plan::hazard::HazardKind>,
    /// `lock_timeout` set for the transaction and for the statements after it (online mode).
    pub lock_timeout: Option<String>,
    /// Header lines naming the two sides (never with passwords).
    pub from_label: String,
    pub to_label: String,
}

/// A rendered script and what it holds.
#[derive(Clone, Debug, Default)]
pub struct Script {
    pub text: String,
    /// Statements emitted for execution.
    pub statements: usize,
    /// Statements withheld as unsafe (printed as comments).
    pub withheld: usize,
}

/// Render a plan as a SQL script for PostgreSQL.
pub fn sql(plan: &Plan, opts: &Options) -> Script {
    pg::script(plan, opts)
}

/// The plan as JSON (statements with hazards), for tools.
pub fn json(plan: &Plan) -> String {
    let steps: Vec<serde_json::Value> = plan
        .steps
        .iter()
        .map(|s| {
            serde_json::json!({
                "action": s.change.action,
                "object": s.change.id,
                "sql": pg::render(&s.change.op),
                "hazards": s.change.hazards,
                "severity": crate::plan::hazard::severity_of(&s.change.hazards).label(),
                "transactional": s.transactional,
            })
        })
        .collect();
    let unmodelled: Vec<String> = plan.unmodelled.iter().map(|u| u.to_string()).collect();
    let v = serde_json::json!({ "version": 1, "steps": steps, "unmodelled": unmodelled });
    serde_json::to_string_pretty(&v).unwrap_or_default()
}
