//! Extended statistics objects (`CREATE STATISTICS`).

use super::QName;
use serde::{Deserialize, Serialize};

/// An extended statistics object, compared by `pg_get_statisticsobjdef` and its statistics target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statistics {
    pub name: QName,
    /// The table whose columns (or expressions over them) it covers.
    pub table: QName,
    /// `pg_get_statisticsobjdef`: the whole `CREATE STATISTICS` statement, without `;`.
    pub definition: String,
    /// `ALTER STATISTICS .. SET STATISTICS n`; `None` is the default (-1: the columns' targets).
    pub target: Option<i32>,
    pub comment: Option<String>,
}
