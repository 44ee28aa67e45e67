//! Text search dictionaries and configurations (`CREATE TEXT SEARCH DICTIONARY / CONFIGURATION`).

use super::QName;
use serde::{Deserialize, Serialize};

/// A text search dictionary: its template and the options it was created with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TsDictionary {
    pub name: QName,
    pub template: QName,
    /// `dictinitoption` as the server keeps it (`language = 'english', stopwords = 'english'`), if any.
    pub options: Option<String>,
    pub comment: Option<String>,
}

/// A text search configuration: its parser and, per token type (by the parser's names), its dictionaries
/// in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TsConfiguration {
    pub name: QName,
    pub parser: QName,
    /// (token type, dictionaries), sorted by token type.
    pub mappings: Vec<(String, Vec<QName>)>,
    pub comment: Option<String>,
}

/// A text search parser: its support functions (each takes fixed arguments: named without them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TsParser {
    pub name: QName,
    pub start: QName,
    pub token: QName,
    pub end: QName,
    pub headline: Option<QName>,
    pub lextypes: QName,
    pub comment: Option<String>,
}

/// A text search template: its init and lexize functions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TsTemplate {
    pub name: QName,
    pub init: Option<QName>,
    pub lexize: QName,
    pub comment: Option<String>,
}
