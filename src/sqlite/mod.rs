//! SQLite: opening sources, reading them into the shared model, and the SQLite dialect's plans and scripts.

pub mod apply;

pub mod ddl;
pub mod diff;
pub mod emit;
pub mod expr;
pub mod inspect;
pub mod lexer;
pub mod mapping;
pub mod merge;
mod spelling;
mod to_sqlite;
pub mod types;

use crate::error::{Error, Result};
use crate::model::Catalog;
pub use crate::source::sqlite::SqliteSource;
use crate::source::Side;

/// Read a SQLite source into the model.
pub fn inspect_source(src: &SqliteSource, side: Side) -> Result<Catalog> {
    let conn = src.open(side)?;
    inspect::inspect(&conn).map_err(|e| Error::Inspect {
        side: side.to_string(),
        target: src.display(),
        query: "sql/sqlite".into(),
        cause: e.to_string(),
    })
}

/// A SQLite catalog with nothing in it.
pub fn empty() -> Catalog {
    let mut c = Catalog { dialect: crate::model::Dialect::Sqlite, ..Default::default() };
    c.schemas.insert(inspect::SCHEMA.into(), crate::model::Schema { name: inspect::SCHEMA.into(), comment: None });
    c.server_version = rusqlite::version_number() as u32;
    c
}
