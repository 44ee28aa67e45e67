//! Casts (`CREATE CAST`) between types: database-wide objects named by their source and target types.

use super::QName;
use serde::{Deserialize, Serialize};

/// A user-defined cast.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cast {
    /// The source and target types as `format_type` prints them.
    pub source: String,
    pub target: String,
    pub method: CastMethod,
    pub context: CastContext,
    pub comment: Option<String>,
}

impl Cast {
    /// The name a cast is known by: `source AS target`.
    pub fn name(&self) -> String {
        format!("{} AS {}", self.source, self.target)
    }
}

/// How a cast converts (`castmethod`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CastMethod {
    /// `WITH FUNCTION f(args)`: the function by name and identity arguments.
    Function { function: QName, args: String },
    /// `WITHOUT FUNCTION`: binary coercible.
    Binary,
    /// `WITH INOUT`: through the types' text forms.
    InOut,
}

/// When a cast applies without being asked for (`castcontext`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CastContext {
    Explicit,
    Assignment,
    Implicit,
}

impl TryFrom<&str> for CastContext {
    type Error = String;
    fn try_from(code: &str) -> Result<Self, String> {
        Ok(match code {
            "e" => CastContext::Explicit,
            "a" => CastContext::Assignment,
            "i" => CastContext::Implicit,
            other => return Err(format!("unknown cast context {other:?}")),
        })
    }
}
