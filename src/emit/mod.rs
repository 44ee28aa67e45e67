//! Emit: the last stage, where a plan becomes text (SQL for Postgres; JSON of the plan).

pub mod pg;
#[cfg(test)]
mod plan_tests;
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
    pub allow: Vec<crate::hazard::HazardKind>,
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

/// Fingerprints of the two sides, for JSON output (`None` where unknown).
#[derive(Clone, Debug, Default)]
pub struct Sides {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The plan as JSON, shape version 2 (documented in docs/plan-json.md, schema in docs/plan.schema.json):
/// statements with hazards, severities and transaction groups, and the fingerprints of both sides.
pub fn json(plan: &Plan) -> String {
    json_with(plan, &Sides::default(), &Options { unsafe_ok: true, ..Options::default() })
}

/// `json` with fingerprints and the withholding decisions of `opts`.
pub fn json_with(plan: &Plan, sides: &Sides, opts: &Options) -> String {
    let reasons = pg::withheld_reasons_allowing(plan, opts.unsafe_ok, &opts.allow);
    let steps: Vec<serde_json::Value> = plan
        .steps
        .iter()
        .zip(&reasons)
        .enumerate()
        .map(|(i, (s, reason))| {
            let mut step = serde_json::json!({
                "index": i,
                "action": s.change.action,
                "object": s.change.id,
                "sql": pg::render(&s.change.op),
                "hazards": s.change.hazards,
                "severity": crate::hazard::severity_of(&s.change.hazards).label(),
                "group": if s.transactional { "transaction" } else { "after_commit" },
                "transactional": s.transactional,
                "after": s.after,
                "withheld": reason,
            });
            // A rename says what it renames (its object is the new name).
            if let crate::pg::Op::Rename(r) = &s.change.op {
                let (from, to) = r.describe();
                step["rename"] = serde_json::json!({ "from": from, "to": to });
            }
            step
        })
        .collect();
    let unmodelled: Vec<String> = plan.unmodelled.iter().map(|u| u.to_string()).collect();
    let mut v = serde_json::json!({
        "version": 2,
        "from": { "fingerprint": sides.from },
        "to": { "fingerprint": sides.to },
        "steps": steps,
        "unmodelled": unmodelled,
    });
    if !plan.suggested_renames.is_empty() {
        v["suggested_renames"] = serde_json::json!(plan.suggested_renames);
    }
    serde_json::to_string_pretty(&v).unwrap_or_default()
}
