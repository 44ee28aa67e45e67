//! Inspection: read a source into a `Catalog`. Both sides of a diff are read at once on two threads.

use crate::error::Result;
use crate::model::Catalog;
use crate::pg::inspect::{self as pg, connect_inspector};
pub use crate::reading::{Filter, Stats};
use crate::source::{Side, Source};

/// Read one source.
pub fn inspect(source: &Source, filter: &Filter, side: Side) -> Result<(Catalog, Stats)> {
    let (mut catalog, stats) = read(source, filter, side)?;
    if let Some(p) = filter.profile {
        crate::profile::apply(&mut catalog, p);
    }
    Ok((catalog, stats))
}

fn read(source: &Source, filter: &Filter, side: Side) -> Result<(Catalog, Stats)> {
    match source {
        Source::Empty => Ok((Catalog { grants_known: true, ..Catalog::empty() }, Stats::default())),
        Source::Postgres(info) => {
            let session = connect_inspector(info, side)?;
            pg::inspect_owned(session, filter).map_err(|f| f.into_error(side, &info.display()))
        }
        Source::SqlFiles { files, dev, .. } => {
            crate::source::scratch::with_loaded(files, dev.as_deref(), side, |client| {
                pg::inspect(client, filter).map_err(|f| f.into_error(side, "the scratch database"))
            })
        }
        Source::Sqlite(s) => Ok((crate::sqlite::inspect_source(s, side)?, Stats { queries: 2, ..Stats::default() })),
        Source::Snapshot(path) => {
            let bad = |reason: String| crate::Error::BadSource { side: side.to_string(), reason };
            let text = std::fs::read_to_string(path).map_err(|e| bad(format!("{}: {e}", path.display())))?;
            let catalog: Catalog = serde_json::from_str(&text)
                .map_err(|e| bad(format!("{}: not a pgdrift snapshot: {e}", path.display())))?;
            Ok((catalog.filtered(&filter.include, &filter.exclude, filter.owners, filter.roles), Stats::default()))
        }
    }
}

/// Read both sides concurrently, each in its own snapshot.
pub fn inspect_pair(from: &Source, to: &Source, filter: &Filter) -> Result<((Catalog, Stats), (Catalog, Stats))> {
    std::thread::scope(|s| {
        let to_handle = s.spawn(|| inspect(to, filter, Side::To));
        let from_result = inspect(from, filter, Side::From);
        let to_result = to_handle.join().unwrap_or_else(|_| {
            Err(crate::Error::Inspect {
                side: Side::To.to_string(),
                target: to.display(),
                query: "inspection thread".into(),
                cause: "panicked".into(),
            })
        });
        Ok((from_result?, to_result?))
    })
}
