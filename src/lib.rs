//! pgdrift: a schema diff and sync engine for PostgreSQL.
//!
//! The pipeline has four typed stages and no SQL text before the last one:
//! `inspect` (catalog -> [`model::Catalog`]) -> `pg::diff` (two catalogs -> [`pg::Diff`]) ->
//! `plan` (dependency graph, hazards, transaction groups -> [`plan::Plan`]) -> `emit` (SQL / JSON).

pub mod apply;
pub mod codegen;
pub mod cross;
pub mod emit;
pub mod error;
pub mod hazard;
pub mod inspect;
pub mod model;
pub mod pg;
pub mod plan;
pub mod profile;
pub mod reading;
pub mod renames;
pub mod source;
pub mod sqlite;

pub use error::{Error, Result};

#[cfg(test)]
mod hostile_tests;

use inspect::Filter;
use source::Source;

/// Everything `pgdrift FROM TO` computes, before printing.
pub struct Comparison {
    pub from: model::Catalog,
    pub to: model::Catalog,
    pub plan: plan::Plan,
    /// What inspecting each side cost (catalog queries sent, definitions the server deparsed by OID).
    pub stats: (inspect::Stats, inspect::Stats),
    /// Wall time spent inspecting (both sides at once) and diffing + planning.
    pub timings: (std::time::Duration, std::time::Duration),
    /// Cross-dialect notes (TO was SQLite): what the mapping could not carry across.
    pub notes: Vec<String>,
}

/// Inspect both sources concurrently, diff and plan.
/// FROM must be Postgres (or EMPTY); a SQLite TO is mapped into Postgres terms first.
pub fn compare(from: &Source, to: &Source, filter: &Filter) -> Result<Comparison> {
    compare_with(from, to, filter, &cross::CrossOptions::default())
}

/// `compare` with cross-dialect options.
pub fn compare_with(from: &Source, to: &Source, filter: &Filter, cross: &cross::CrossOptions) -> Result<Comparison> {
    let started = std::time::Instant::now();
    let ((from_cat, from_stats), (mut to_cat, to_stats)) = inspect::inspect_pair(from, to, filter)?;
    if from_cat.dialect == model::Dialect::Sqlite {
        return Err(Error::BadSource {
            side: "FROM".into(),
            reason: format!("{} is SQLite: this command needs a PostgreSQL database here", from.display()),
        });
    }
    let mut notes = sqlite::mapping::Notes::default();
    if to_cat.dialect == model::Dialect::Sqlite {
        to_cat = sqlite::mapping::sqlite_to_pg(&from_cat, &to_cat, cross, &mut notes);
    }
    if !filter.roles {
        missing_roles(&from_cat, &to_cat)?;
    }
    let inspected = started.elapsed();
    let plan = plan_with(&from_cat, &to_cat, &filter.renames)?;
    let timings = (inspected, started.elapsed() - inspected);
    Ok(Comparison { from: from_cat, to: to_cat, plan, stats: (from_stats, to_stats), timings, notes: notes.lines })
}

/// Without `--with-roles`, the roles TO names must exist in FROM's cluster (known when FROM is a live
/// database): otherwise the plan would fail on the first GRANT, owner or policy naming one.
fn missing_roles(from: &model::Catalog, to: &model::Catalog) -> Result<()> {
    if from.cluster_roles.0.is_empty() {
        return Ok(());
    }
    let missing: Vec<String> = to
        .referenced_roles()
        .into_iter()
        .filter(|r| !from.cluster_roles.0.contains(*r))
        .map(|r| model::QuotedAsNeeded(r).to_string())
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::MissingRoles { roles: missing.join(", ") })
    }
}

/// Diff and plan two catalogs already in memory.
pub fn plan_between(from: &model::Catalog, to: &model::Catalog) -> Result<plan::Plan> {
    let d = pg::diff(from, to);
    plan::plan(d, from, to)
}

/// `plan_between` with renames: the declared ones, then (`--renames auto`) the unambiguous candidates, run
/// first as `ALTER .. RENAME`; the diff plans the rest against FROM as the renames leave it. Candidates
/// not applied are suggested on the plan.
pub fn plan_with(from: &model::Catalog, to: &model::Catalog, renames: &pg::rename::Renames) -> Result<plan::Plan> {
    use pg::rename::{self, RenameMode};
    if renames.declared.is_empty() && renames.mode != RenameMode::Auto {
        let mut plan = plan_between(from, to)?;
        if matches!(renames.mode, RenameMode::Suggest | RenameMode::Prompt) {
            plan.suggested_renames = rename::candidates(from, to).iter().map(|c| c.suggested()).collect();
        }
        return Ok(plan);
    }
    let (mut renamed, mut steps) = rename::apply_declared(from, &renames.declared).map_err(Error::Rename)?;
    let mut suggested = Vec::new();
    if matches!(renames.mode, RenameMode::Suggest | RenameMode::Prompt) {
        suggested = rename::candidates(&renamed, to).iter().map(|c| c.suggested()).collect();
    }
    // Auto: a renamed table's renamed columns, constraints and indexes show once it has its new name, so
    // candidates are looked for again until none are left (each round renames at least one object; a
    // few rounds reach every nesting there is).
    for _ in 0..8 {
        if renames.mode != RenameMode::Auto {
            break;
        }
        let found = rename::candidates(&renamed, to);
        if found.is_empty() {
            break;
        }
        for c in &found {
            rename::apply(&mut renamed, &c.op, &mut steps).map_err(Error::Rename)?;
        }
    }
    rename::body_hazards(from, &mut steps);
    let mut d = pg::diff(&renamed, to);
    d.changes.splice(0..0, steps);
    let mut plan = plan::plan(d, &renamed, to)?;
    plan.suggested_renames = suggested;
    Ok(plan)
}
