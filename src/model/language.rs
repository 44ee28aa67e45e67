//! Procedural languages (`CREATE LANGUAGE`) and transforms between a type and a language (`CREATE
//! TRANSFORM`), database-wide.

use super::{FunctionRef, QName};
use serde::{Deserialize, Serialize};

/// A procedural language that is not built in and not an extension's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Language {
    pub name: String,
    pub trusted: bool,
    /// Call handler, inline handler and validator (each takes fixed arguments: named without them).
    pub handler: Option<QName>,
    pub inline: Option<QName>,
    pub validator: Option<QName>,
    pub comment: Option<String>,
}

/// A transform: how a language's functions take and return values of a type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transform {
    /// The type as `format_type` prints it.
    pub type_name: String,
    pub language: String,
    pub from_sql: Option<FunctionRef>,
    pub to_sql: Option<FunctionRef>,
    pub comment: Option<String>,
}

impl Transform {
    /// The name a transform is known by: `type language lang`.
    pub fn name(&self) -> String {
        format!("{} language {}", self.type_name, self.language)
    }
}
