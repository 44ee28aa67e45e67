//! Logical replication subscriptions (database-wide). The connection string is never read: only superusers
//! may, and it holds passwords.

use serde::{Deserialize, Serialize};

/// A subscription and its options.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub name: String,
    /// Publications subscribed to, as declared (pg_dump prints them in that order).
    pub publications: Vec<String>,
    pub enabled: bool,
    /// The replication slot on the publisher; `None` is `slot_name = NONE`.
    pub slot_name: Option<String>,
    pub synchronous_commit: String,
    pub binary: bool,
    /// `off`, `on` or `parallel`.
    pub streaming: String,
    pub two_phase: bool,
    pub disable_on_error: bool,
    pub comment: Option<String>,
}
