//! pgdrift: a schema diff and sync engine for PostgreSQL.
//!
//! The pipeline has four typed stages and no SQL text before the last one:
//! `inspect` (catalog -> [`model::Catalog`]) -> `diff` (two catalogs -> [`diff::Diff`]) ->
//! `plan` (dependency graph, hazards, transaction groups -> [`plan::Plan`]) -> `emit` (SQL / JSON).

pub mod apply;
pub mod codegen;
pub mod diff;
pub mod emit;
pub mod error;
pub mod inspect;
pub mod model;
pub mod plan;
pub mod source;

pub use error::{Error, Result};

use inspect::Filter;
use source::Source;

/// Everything `pgdrift FROM TO` computes, before printing.
pub struct Comparison {
    pub from: model::Catalog,
    pub to: model::Catalog,
    pub plan: plan::Plan,
    /// Catalog queries sent to each side.
    pub queries: (usize, usize),
    /// Wall time spent inspecting (both sides at once) and diffing + planning.
    pub timings: (std::time::Duration, std::time::Duration),
}

/// Inspect both sources concurrently, diff and plan.
pub fn compare(from: &Source, to: &Source, filter: &Filter) -> Result<Comparison> {
    let started = std::time::Instant::now();
    let ((from_cat, from_stats), (to_cat, to_stats)) = inspect::inspect_pair(from, to, filter)?;
    let inspected = started.elapsed();
    let plan = plan_between(&from_cat, &to_cat)?;
    let timings = (inspected, started.elapsed() - inspected);
    Ok(Comparison { from: from_cat, to: to_cat, plan, queries: (from_stats.queries, to_stats.queries), timings })
}

/// Diff and plan two catalogs already in memory.
pub fn plan_between(from: &model::Catalog, to: &model::Catalog) -> Result<plan::Plan> {
    let d = diff::diff(from, to);
    plan::plan(d, from, to)
}
