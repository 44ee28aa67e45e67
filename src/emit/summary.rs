//! A plan as a human summary: one line per change with its hazards, then counts (used by `apply`).

use crate::emit::pg::withheld_reasons;
use crate::pg::Action;
use crate::plan::Plan;
use std::fmt::Write;

/// Render the plan; `colour` adds ANSI colours (callers decide: a terminal, and NO_COLOR unset).
pub fn summary(plan: &Plan, unsafe_ok: bool, colour: bool) -> String {
    let paint = |code: &str, s: &str| if colour { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() };
    let reasons = withheld_reasons(plan, unsafe_ok);
    let mut out = String::new();
    let (mut create, mut alter, mut drop, mut held) = (0, 0, 0, 0);
    for (step, reason) in plan.steps.iter().zip(&reasons) {
        let c = &step.change;
        let (sign, code) = match c.action {
            Action::Create => ("+", "32"),
            Action::Alter => ("~", "33"),
            Action::Drop => ("-", "31"),
        };
        match (reason, c.action) {
            (Some(_), _) => held += 1,
            (None, Action::Create) => create += 1,
            (None, Action::Alter) => alter += 1,
            (None, Action::Drop) => drop += 1,
        }
        let verb = format!("{:?}", c.action).to_lowercase();
        let _ = write!(out, "  {} {verb} {}", paint(code, sign), c.id);
        if let Some(r) = reason {
            let _ = write!(out, "  {}", paint("35", &format!("[withheld: {r}]")));
        } else {
            for h in &c.hazards {
                let _ = write!(out, "  {}", paint("2", &format!("[{h}]")));
            }
        }
        out.push('\n');
    }
    for u in &plan.unmodelled {
        let _ = writeln!(out, "  {} {u}", paint("31", "!"));
    }
    let _ = writeln!(out, "{create} to create, {alter} to alter, {drop} to drop, {held} withheld as unsafe");
    out
}
