//! Drift reports for `pgdrift check`: a plain-text verdict and a Markdown report for a PR comment, grouped
//! by object kind with severities.

use crate::hazard::{severity_of, Severity};
use crate::plan::Plan;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The worst severity in the plan (unmodelled differences count as high: they cannot be planned).
pub fn worst(plan: &Plan) -> Option<Severity> {
    let steps = plan.steps.iter().map(|s| severity_of(&s.change.hazards));
    let unmodelled = plan.unmodelled.iter().map(|_| Severity::High);
    steps.chain(unmodelled).max()
}

/// Counts by severity, worst first.
fn counts(plan: &Plan) -> Vec<(Severity, usize)> {
    let mut by: BTreeMap<Severity, usize> = BTreeMap::new();
    for s in &plan.steps {
        *by.entry(severity_of(&s.change.hazards)).or_default() += 1;
    }
    if !plan.unmodelled.is_empty() {
        *by.entry(Severity::High).or_default() += plan.unmodelled.len();
    }
    by.into_iter().rev().collect()
}

/// A Markdown drift report.
pub fn markdown(plan: &Plan, from: &str, to: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Schema drift: `{from}` vs `{to}`\n");
    if plan.is_empty() {
        let _ = writeln!(out, "In sync: no differences.");
        return out;
    }
    let summary: Vec<String> = counts(plan).iter().map(|(s, n)| format!("{n} {}", s.label())).collect();
    let _ = writeln!(out, "**{} difference(s)**: {}\n", plan.steps.len() + plan.unmodelled.len(), summary.join(", "));
    let mut groups: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for s in &plan.steps {
        let c = &s.change;
        let sev = severity_of(&c.hazards);
        let reasons: Vec<String> = c.hazards.iter().map(|h| h.reason.clone()).collect();
        let mut line = format!("| {} | `{}` | {:?} |", sev.label(), c.id, c.action);
        let _ = write!(line, " {} |", reasons.join("; "));
        groups.entry(c.id.kind.label()).or_default().push(line);
    }
    for u in &plan.unmodelled {
        groups
            .entry("not modelled")
            .or_default()
            .push(format!("| high | `{} {}.{}` | {} | not diffed by pgdrift |", u.kind, u.schema, u.name, u.state));
    }
    for (kind, lines) in groups {
        let _ = writeln!(out, "### {kind}\n\n| severity | object | change | hazards |\n|---|---|---|---|");
        for l in lines {
            let _ = writeln!(out, "{l}");
        }
        out.push('\n');
    }
    out
}

/// A short plain-text verdict.
pub fn text(plan: &Plan) -> String {
    if plan.is_empty() {
        return "in sync\n".into();
    }
    let summary: Vec<String> = counts(plan).iter().map(|(s, n)| format!("{n} {}", s.label())).collect();
    let mut out =
        format!("drift: {} difference(s) ({})\n", plan.steps.len() + plan.unmodelled.len(), summary.join(", "));
    out.push_str(&super::summary::summary(plan, true, false));
    out
}
