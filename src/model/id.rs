//! Name-based identity of every modelled object: `ObjectId` and the schema-qualified `QName`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A schema-qualified object name, unquoted.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct QName {
    pub schema: String,
    pub name: String,
}

impl QName {
    pub fn new(schema: impl AsRef<str>, name: impl AsRef<str>) -> Self {
        QName { schema: schema.as_ref().to_string(), name: name.as_ref().to_string() }
    }
    /// The name as SQL, always quoted.
    pub fn sql(&self) -> String {
        super::Qualified(&self.schema, &self.name).to_string()
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.schema, self.name)
    }
}

/// Kinds of modelled objects. The declaration order is the order in which a plan lists independent
/// creations, so it reads top-down like a hand-written script.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Schema,
    Extension,
    Collation,
    Enum,
    Domain,
    Composite,
    /// A range type (its multirange type stands for it too).
    Range,
    Sequence,
    Function,
    /// An aggregate: `sub` holds its identity arguments.
    Aggregate,
    Table,
    Column,
    Constraint,
    Index,
    /// An extended statistics object.
    Statistics,
    View,
    /// A rule: `name` is its table or view, `sub` the rule's name.
    Rule,
    /// A trigger: `name` is its table, `sub` the trigger's name.
    Trigger,
    /// A policy: `name` is its table, `sub` the policy's name.
    Policy,
    /// Ownership of a sequence by a column (`OWNED BY`): its own vertex, so the sequence can be created
    /// before the table whose default uses it and owned by the column after.
    SequenceOwner,
    /// A table's link to its parent (partition bound or INHERITS): its own vertex, so that a table's
    /// columns can be made to match the parent's before it is attached, and changed after it is detached.
    TableParent,
    /// A publication (database-wide: no schema).
    Publication,
    /// An event trigger (database-wide: no schema).
    EventTrigger,
    /// A cast (database-wide): `name` is `source AS target`.
    Cast,
    TsDictionary,
    TsConfiguration,
    /// Database-wide, as are servers and user mappings (`name` is `user@server`).
    ForeignDataWrapper,
    ForeignServer,
    UserMapping,
    /// A subscription (database-wide).
    Subscription,
    /// A role (cluster-wide; `--with-roles`); `sub` is `member of <role>` for a membership.
    Role,
    TsParser,
    TsTemplate,
    /// A procedural language (database-wide).
    Language,
    /// A transform (database-wide): `name` is `type language lang`.
    Transform,
    /// An operator: `sub` holds its signature (`(integer, integer)`).
    Operator,
    Conversion,
    /// An access method (database-wide).
    AccessMethod,
    /// An operator family: `sub` holds its access method.
    OperatorFamily,
    /// An operator class: `sub` holds its access method.
    OperatorClass,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Schema => "schema",
            Kind::Extension => "extension",
            Kind::Enum => "enum",
            Kind::Domain => "domain",
            Kind::Composite => "composite type",
            Kind::Range => "range type",
            Kind::Collation => "collation",
            Kind::Sequence => "sequence",
            Kind::Table => "table",
            Kind::Column => "column",
            Kind::Constraint => "constraint",
            Kind::Index => "index",
            Kind::View => "view",
            Kind::Trigger => "trigger",
            Kind::Policy => "policy",
            Kind::Function => "function",
            Kind::Aggregate => "aggregate",
            Kind::SequenceOwner => "sequence ownership",
            Kind::TableParent => "table parent",
            Kind::Publication => "publication",
            Kind::Statistics => "statistics",
            Kind::Rule => "rule",
            Kind::EventTrigger => "event trigger",
            Kind::Cast => "cast",
            Kind::TsDictionary => "text search dictionary",
            Kind::TsConfiguration => "text search configuration",
            Kind::ForeignDataWrapper => "foreign-data wrapper",
            Kind::ForeignServer => "foreign server",
            Kind::UserMapping => "user mapping",
            Kind::Subscription => "subscription",
            Kind::Role => "role",
            Kind::TsParser => "text search parser",
            Kind::TsTemplate => "text search template",
            Kind::Language => "language",
            Kind::Transform => "transform",
            Kind::Operator => "operator",
            Kind::Conversion => "conversion",
            Kind::AccessMethod => "access method",
            Kind::OperatorFamily => "operator family",
            Kind::OperatorClass => "operator class",
        }
    }
}

/// Identity of an object by name, never by OID (OIDs differ between the two databases).
/// `schema` is empty for schemas and extensions; `sub` names a column or constraint within its table.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ObjectId {
    pub kind: Kind,
    pub schema: Name,
    pub name: Name,
    pub sub: Name,
}

/// A name inside an `ObjectId`: names up to 23 bytes are stored inline (no allocation), which matters
/// because dependency sets hold hundreds of thousands of ids at 5,000 tables.
pub type Name = smol_str::SmolStr;

impl ObjectId {
    pub fn new(kind: Kind, schema: &str, name: &str, sub: &str) -> Self {
        ObjectId { kind, schema: Name::new(schema), name: Name::new(name), sub: Name::new(sub) }
    }
    pub fn schema(name: &str) -> Self {
        Self::new(Kind::Schema, "", name, "")
    }
    pub fn extension(name: &str) -> Self {
        Self::new(Kind::Extension, "", name, "")
    }
    pub fn of(kind: Kind, q: &QName) -> Self {
        Self::new(kind, &q.schema, &q.name, "")
    }
    pub fn column(table: &QName, column: &str) -> Self {
        Self::new(Kind::Column, &table.schema, &table.name, column)
    }
    pub fn constraint(table: &QName, name: &str) -> Self {
        Self::new(Kind::Constraint, &table.schema, &table.name, name)
    }
    /// The vertex of a table's link to its parents as FROM has it (the inspector's dependency edges
    /// point at it; the diff detaches it first).
    pub fn old_parent_link(table: &QName) -> Self {
        Self::new(Kind::TableParent, &table.schema, &table.name, "old")
    }
    /// The vertex of a table's link to its parents as TO has it (attached once its columns match).
    pub fn new_parent_link(table: &QName) -> Self {
        Self::new(Kind::TableParent, &table.schema, &table.name, "new")
    }
    /// The table an object of a table (column, constraint) belongs to.
    pub fn table(&self) -> Option<QName> {
        match self.kind {
            Kind::Table | Kind::Column | Kind::Constraint | Kind::Trigger | Kind::Policy | Kind::Rule => {
                Some(QName::new(&self.schema, &self.name))
            }
            Kind::Schema
            | Kind::Extension
            | Kind::Collation
            | Kind::Enum
            | Kind::Domain
            | Kind::Composite
            | Kind::Range
            | Kind::Sequence
            | Kind::Function
            | Kind::Aggregate
            | Kind::Index
            | Kind::View
            | Kind::SequenceOwner
            | Kind::TableParent
            | Kind::Publication
            | Kind::Statistics
            | Kind::EventTrigger
            | Kind::Cast
            | Kind::TsDictionary
            | Kind::TsConfiguration
            | Kind::ForeignDataWrapper
            | Kind::ForeignServer
            | Kind::UserMapping
            | Kind::Subscription
            | Kind::Role
            | Kind::TsParser
            | Kind::TsTemplate
            | Kind::Language
            | Kind::Transform
            | Kind::Operator
            | Kind::Conversion
            | Kind::AccessMethod
            | Kind::OperatorFamily
            | Kind::OperatorClass => None,
        }
    }
}

impl fmt::Display for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.kind.label())?;
        if !self.schema.is_empty() {
            write!(f, "{}.", self.schema)?;
        }
        f.write_str(&self.name)?;
        if self.kind == Kind::Function {
            write!(f, "({})", self.sub)?;
        } else if !self.sub.is_empty() {
            write!(f, ".{}", self.sub)?;
        }
        Ok(())
    }
}
