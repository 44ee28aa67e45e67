//! Operators (`CREATE OPERATOR`), conversions (`CREATE CONVERSION`) and access methods (`CREATE ACCESS
//! METHOD`): definitions made of functions and types, re-created from the catalog when they change.

use super::QName;
use serde::{Deserialize, Serialize};

/// A function by name and identity arguments (`f(integer, text)`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FunctionRef {
    pub function: QName,
    pub args: String,
}

impl FunctionRef {
    pub fn sql(&self) -> String {
        format!("{}({})", self.function.sql(), self.args)
    }
}

/// An operator: keyed by its name and argument types (`NONE` on the left of a prefix operator).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operator {
    pub name: QName,
    /// Argument types as `format_type` prints them; `None` for a prefix operator's left.
    pub left: Option<String>,
    pub right: String,
    pub function: QName,
    /// Commutator and negator as `schema.op`.
    pub commutator: Option<QName>,
    pub negator: Option<QName>,
    pub restrict: Option<QName>,
    pub join: Option<QName>,
    pub hashes: bool,
    pub merges: bool,
    pub comment: Option<String>,
}

impl Operator {
    /// The argument list an operator is named by: `(integer, integer)`, `(NONE, integer)`.
    pub fn signature(&self) -> String {
        format!("({}, {})", self.left.as_deref().unwrap_or("NONE"), self.right)
    }
}

/// A conversion between two encodings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncodingConversion {
    pub name: QName,
    pub source: String,
    pub target: String,
    pub function: QName,
    pub default: bool,
    pub comment: Option<String>,
}

/// An access method: index or table, and its handler.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessMethod {
    pub name: String,
    /// `TABLE` or `INDEX`.
    pub table: bool,
    pub handler: QName,
    pub comment: Option<String>,
}

/// An operator family of an index access method, with its loose members (those no operator class of it
/// holds: `ALTER OPERATOR FAMILY .. ADD`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorFamily {
    pub name: QName,
    pub method: String,
    pub members: Vec<OpMember>,
    pub comment: Option<String>,
}

/// An operator class: how an index access method handles one type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorClass {
    pub name: QName,
    pub method: String,
    pub default: bool,
    /// `FOR TYPE`, as `format_type` prints it.
    pub type_name: String,
    pub family: QName,
    /// `STORAGE`, when the index stores another type.
    pub storage: Option<String>,
    pub members: Vec<OpMember>,
    pub comment: Option<String>,
}

/// One member of an operator class or family, sorted operators first by strategy, functions by number.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpMember {
    /// `OPERATOR strategy op (left, right) [FOR ORDER BY family]`.
    Operator { strategy: i16, operator: QName, left: String, right: String, order_by: Option<QName> },
    /// `FUNCTION number (left, right) function(args)`.
    Function { number: i16, left: String, right: String, function: FunctionRef },
}

/// How operator classes and families are named in keys and ids: `name using method` under the schema.
pub fn using_method(name: &str, method: &str) -> String {
    format!("{name} using {method}")
}
