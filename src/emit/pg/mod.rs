//! PostgreSQL script layout: header, transaction, withheld statements, non-transactional section.

use super::{Options, Script};
use crate::hazard::HazardKind;
use crate::pg::kinds::FunctionOp;
use crate::pg::{Action, Op};
use crate::plan::Plan;
use std::fmt::Write;

/// The SQL statements (each ending in `;`) that carry out one operation (its kind's module renders it).
pub fn render(op: &Op) -> Vec<String> {
    op.render()
}

/// Whether the plan creates or replaces functions (their bodies are then not checked at creation).
pub fn needs_unchecked_bodies(plan: &Plan) -> bool {
    plan.steps.iter().any(|s| matches!(s.change.op, Op::Function(FunctionOp::Create(_))))
}

fn commented(sql: &str) -> String {
    sql.lines().map(|l| format!("-- {l}")).collect::<Vec<_>>().join("\n")
}

/// Why each step is withheld in safe mode: its own unsafe hazards, or a withheld step it depends on.
pub fn withheld_reasons(plan: &Plan, unsafe_ok: bool) -> Vec<Option<String>> {
    withheld_reasons_allowing(plan, unsafe_ok, &[])
}

/// As `withheld_reasons`, with hazard kinds permitted individually (`--allow`). A drop whose object is
/// created again by a withheld step is withheld with it (safe mode never leaves a view or index dropped
/// without its replacement).
pub fn withheld_reasons_allowing(plan: &Plan, unsafe_ok: bool, allow: &[HazardKind]) -> Vec<Option<String>> {
    let mut held_drops: std::collections::HashMap<usize, String> = std::collections::HashMap::new();
    loop {
        let reasons = forward(plan, unsafe_ok, allow, &held_drops);
        let mut remade: std::collections::HashMap<&crate::model::ObjectId, usize> = std::collections::HashMap::new();
        for (i, step) in plan.steps.iter().enumerate() {
            if reasons[i].is_some() && step.change.action == Action::Create {
                for o in step.change.objects() {
                    remade.entry(o).or_insert(i);
                }
            }
        }
        let before = held_drops.len();
        for (i, step) in plan.steps.iter().enumerate() {
            if reasons[i].is_some() || step.change.action != Action::Drop {
                continue;
            }
            if let Some(&j) = step.change.objects().find_map(|o| remade.get(o)) {
                held_drops.insert(i, format!("its re-creation is withheld: {}", plan.steps[j].change.id));
            }
        }
        if held_drops.len() == before {
            return reasons;
        }
    }
}

fn forward(
    plan: &Plan,
    unsafe_ok: bool,
    allow: &[HazardKind],
    held_drops: &std::collections::HashMap<usize, String>,
) -> Vec<Option<String>> {
    let mut reasons: Vec<Option<String>> = Vec::with_capacity(plan.steps.len());
    for (i, step) in plan.steps.iter().enumerate() {
        let blocking = |h: &&crate::hazard::Hazard| h.blocks(unsafe_ok, allow);
        let own: Vec<String> = step.change.hazards.iter().filter(blocking).map(|h| h.to_string()).collect();
        let reason = if !own.is_empty() {
            Some(own.join("; "))
        } else if let Some(r) = held_drops.get(&i) {
            Some(r.clone())
        } else {
            step.after
                .iter()
                .find(|&&p| reasons.get(p).is_some_and(|r| r.is_some()))
                .map(|&p| format!("needs the withheld change to {}", plan.steps[p].change.id))
        };
        reasons.push(reason);
    }
    reasons
}

pub(super) fn script(plan: &Plan, opts: &Options) -> Script {
    let mut body = String::new();
    let mut outside = String::new();
    let (mut statements, mut withheld) = (0, 0);
    let reasons = withheld_reasons_allowing(plan, opts.unsafe_ok, &opts.allow);
    for (step, reason) in plan.steps.iter().zip(&reasons) {
        let target = if step.transactional || opts.no_transaction { &mut body } else { &mut outside };
        let sqls = render(&step.change.op);
        match reason {
            None => {
                for sql in sqls {
                    statements += 1;
                    let _ = writeln!(target, "{sql}");
                }
            }
            Some(r) => {
                let _ = writeln!(target, "-- unsafe ({r}):");
                for sql in sqls {
                    withheld += 1;
                    let _ = writeln!(target, "{}", commented(&sql));
                }
            }
        }
    }
    if plan.is_empty() {
        return Script::default();
    }
    let mut text = String::new();
    let _ = writeln!(text, "-- pgdrift {}: SQL that turns FROM into TO", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(text, "-- from: {}", opts.from_label);
    let _ = writeln!(text, "-- to:   {}", opts.to_label);
    let _ = write!(text, "-- {statements} statement(s)");
    if withheld > 0 {
        let _ = write!(text, "; {withheld} withheld as unsafe (shown commented; re-run with --unsafe to include them)");
    }
    text.push('\n');
    if !plan.unmodelled.is_empty() {
        let _ = writeln!(
            text,
            "--\n-- WARNING: differences in object kinds pgdrift does not model yet (not included below):"
        );
        for u in &plan.unmodelled {
            let _ = writeln!(text, "--   {u}");
        }
    }
    if !plan.suggested_renames.is_empty() {
        let _ = writeln!(
            text,
            "--\n-- These look like renames (planned below as drop + create; declare them to keep the data):"
        );
        for s in &plan.suggested_renames {
            let _ = writeln!(text, "--   re-run with {}", s.flag());
        }
    }
    if !body.is_empty() {
        text.push('\n');
        if !opts.no_transaction {
            text.push_str("BEGIN;\n\n");
        }
        if let Some(t) = &opts.lock_timeout {
            let set = if opts.no_transaction { "SET" } else { "SET LOCAL" };
            let _ = writeln!(text, "{set} lock_timeout = {};", crate::model::Literal(t));
        }
        if needs_unchecked_bodies(plan) {
            // Function bodies may refer to objects created later in the script.
            text.push_str(if opts.no_transaction {
                "SET check_function_bodies = off;\n"
            } else {
                "SET LOCAL check_function_bodies = off;\n"
            });
        }
        text.push_str(&body);
        if !opts.no_transaction {
            text.push_str("\nCOMMIT;\n");
        }
    }
    if !outside.is_empty() {
        text.push_str("\n-- Statements that cannot run inside a transaction block (run them after the COMMIT):\n\n");
        if let Some(t) = &opts.lock_timeout {
            let _ = writeln!(text, "SET lock_timeout = {};", crate::model::Literal(t));
        }
        text.push_str(&outside);
    }
    Script { text, statements, withheld }
}
