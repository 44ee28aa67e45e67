//! Event triggers (`CREATE EVENT TRIGGER`): database-wide, no schema.

use super::{QName, TriggerState};
use serde::{Deserialize, Serialize};

/// An event trigger: its event, the command tags it is limited to, the function it runs and its firing
/// state (`evtenabled`, coded as a trigger's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventTrigger {
    pub name: String,
    /// `ddl_command_start`, `ddl_command_end`, `sql_drop` or `table_rewrite`.
    pub event: String,
    /// `WHEN TAG IN (..)` as declared; empty: every command.
    pub tags: Vec<String>,
    /// The function it executes, schema-qualified (`QName`; event trigger functions take no arguments).
    pub function: QName,
    pub enabled: TriggerState,
    pub comment: Option<String>,
}
