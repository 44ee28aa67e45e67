//! Rewrite rules (`CREATE RULE`) on tables and views.

use super::{QName, TriggerState};
use serde::{Deserialize, Serialize};

/// A rule, compared by `pg_get_ruledef`, with its firing state (`ev_enabled`, coded as a trigger's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// The table or view it is on.
    pub table: QName,
    pub name: String,
    /// `pg_get_ruledef`: the whole `CREATE RULE` statement, ending in `;`.
    pub definition: String,
    pub enabled: TriggerState,
    pub comment: Option<String>,
}
