//! Comparisons where either side is SQLite: the script is written in FROM's dialect (EMPTY takes the
//! other side's), and a catalog of the other dialect is first mapped into FROM's (see `mapping`).

use crate::inspect::{inspect_pair, Filter};
use crate::model::{Catalog, Dialect};
use crate::source::Source;
use crate::sqlite::diff;
pub use crate::sqlite::mapping::CrossOptions;
use crate::sqlite::mapping::{self, Notes};

/// A plan in the dialect of the database it runs against.
#[derive(Clone, Debug)]
pub enum Planned {
    Postgres(crate::plan::Plan),
    Sqlite(diff::Plan),
}

impl Planned {
    pub fn is_empty(&self) -> bool {
        match self {
            Planned::Postgres(p) => p.is_empty(),
            Planned::Sqlite(p) => p.steps.is_empty() && p.unmodelled.is_empty(),
        }
    }
    pub fn steps(&self) -> usize {
        match self {
            Planned::Postgres(p) => p.steps.len(),
            Planned::Sqlite(p) => p.steps.len(),
        }
    }
}

pub struct Compared {
    pub from: Catalog,
    /// TO as mapped into FROM's dialect.
    pub to: Catalog,
    pub planned: Planned,
    /// What the mapping could not carry across, and type equivalences it relied on.
    pub notes: Notes,
}

/// Inspect both sources (concurrently) and plan in FROM's dialect.
pub fn compare(from: &Source, to: &Source, filter: &Filter, opts: &CrossOptions) -> crate::Result<Compared> {
    let ((mut f, _), (mut t, _)) = inspect_pair(from, to, filter)?;
    if matches!(from, Source::Empty) && t.dialect == Dialect::Sqlite {
        f = crate::sqlite::empty();
    }
    if matches!(to, Source::Empty) && f.dialect == Dialect::Sqlite {
        t = crate::sqlite::empty();
    }
    plan_catalogs(f, t, opts)
}

/// Plan two catalogs already in memory, mapping TO into FROM's dialect when they differ.
pub fn plan_catalogs(from: Catalog, to: Catalog, opts: &CrossOptions) -> crate::Result<Compared> {
    let mut notes = Notes::default();
    let to = match (from.dialect, to.dialect) {
        (a, b) if a == b => to,
        (Dialect::Postgres, Dialect::Sqlite) => mapping::sqlite_to_pg(&from, &to, opts, &mut notes),
        (Dialect::Sqlite, Dialect::Postgres) => mapping::pg_to_sqlite(&from, &to, opts, &mut notes),
        _ => to,
    };
    let planned = match from.dialect {
        Dialect::Sqlite => Planned::Sqlite(diff::plan(&from, &to)?),
        Dialect::Postgres => Planned::Postgres(crate::plan_between(&from, &to)?),
    };
    Ok(Compared { from, to, planned, notes })
}
