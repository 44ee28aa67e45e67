//! Tables, their columns (defaults, identity, generated expressions) and their constraints.

use super::QName;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub name: QName,
    pub unlogged: bool,
    /// Storage parameters as the server renders them (`fillfactor=70`), sorted.
    pub options: Vec<String>,
    /// Row level security enabled / forced for the owner.
    #[serde(default)]
    pub rls: bool,
    #[serde(default)]
    pub force_rls: bool,
    /// `REPLICA IDENTITY` other than the default (the primary key, `None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replica_identity: Option<ReplicaIdentity>,
    /// Columns in attnum order (the order a CREATE TABLE lists them).
    pub columns: Vec<Column>,
    #[serde(with = "super::keyed")]
    pub constraints: BTreeMap<String, Constraint>,
    pub comment: Option<String>,
    /// SQLite table options (absent for Postgres tables).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sqlite: Option<SqliteTable>,
    /// Partitioning and inheritance.
    #[serde(default, skip_serializing_if = "Lineage::is_plain")]
    pub lineage: Lineage,
    /// Its table access method when it is not `heap` (`CREATE TABLE .. USING`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_method: Option<String>,
    /// What makes it a foreign table (`CREATE FOREIGN TABLE .. SERVER ..`): its rows live elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign: Option<ForeignTable>,
}

/// A foreign table's server and generic options, table-wide and per column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignTable {
    pub server: String,
    pub options: Vec<super::FdwOption>,
    /// Options of columns that have any, by column name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub column_options: BTreeMap<String, Vec<super::FdwOption>>,
}

/// Where a table sits among partitions and inheritance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lineage {
    /// Partition key of a partitioned table as `pg_get_partkeydef` renders it (`RANGE (created_at)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_by: Option<String>,
    /// Parent and bound of a partition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_of: Option<PartitionOf>,
    /// Parents of plain inheritance (`INHERITS`), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inherits: Vec<QName>,
}

impl Lineage {
    pub fn is_plain(&self) -> bool {
        *self == Lineage::default()
    }
    /// The tables this one takes columns from.
    pub fn parents(&self) -> impl Iterator<Item = &QName> {
        self.partition_of.iter().map(|p| &p.parent).chain(&self.inherits)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionOf {
    pub parent: QName,
    /// `FOR VALUES FROM (..) TO (..)`, `FOR VALUES IN (..)`, `FOR VALUES WITH (..)` or `DEFAULT`.
    pub bound: String,
}

/// Whether a column is the table's own or comes from a parent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnOrigin {
    #[default]
    Local,
    /// Only from a parent: it goes away with the parent's column, and type changes arrive through it.
    Inherited,
    /// From a parent and declared by the table as well (it stays when the parent drops it).
    Both,
}

impl ColumnOrigin {
    pub fn is_local(&self) -> bool {
        *self == ColumnOrigin::Local
    }
    pub fn inherited(self) -> bool {
        self != ColumnOrigin::Local
    }
}

/// What only a SQLite table has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SqliteTable {
    pub strict: bool,
    pub without_rowid: bool,
    /// `INTEGER PRIMARY KEY AUTOINCREMENT`: rowids are never reused (`sqlite_sequence` keeps the counter).
    pub autoincrement: bool,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
    pub fn is_foreign(&self) -> bool {
        self.foreign.is_some()
    }
    /// The generic options of one column of a foreign table (none for other tables).
    pub fn column_options(&self, column: &str) -> &[super::FdwOption] {
        self.foreign.as_ref().and_then(|f| f.column_options.get(column)).map(Vec::as_slice).unwrap_or(&[])
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub name: String,
    /// Type as `format_type` renders it with search_path = pg_catalog (qualified, quoted where needed).
    pub data_type: String,
    /// Collation (qualified SQL) when it differs from the type's default.
    pub collation: Option<String>,
    pub not_null: bool,
    /// Default expression as `pg_get_expr` renders it.
    pub default: Option<String>,
    pub identity: Option<Identity>,
    /// Expression of a generated column (STORED unless `generated_virtual`).
    pub generated: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub generated_virtual: bool,
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "ColumnOrigin::is_local")]
    pub origin: ColumnOrigin,
    /// Storage, compression, statistics target and attribute options (all absent for most columns).
    #[serde(default, skip_serializing_if = "ColumnAttributes::is_default")]
    pub attributes: ColumnAttributes,
}

/// A column's physical settings: `SET STORAGE`, `SET COMPRESSION`, `SET STATISTICS`, `SET (option = ..)`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnAttributes {
    /// The storage strategy, when it is not the type's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<StorageOverride>,
    /// The compression method, when one is set (otherwise `default_toast_compression` applies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compression: Option<Compression>,
    /// The statistics target, when one is set (otherwise `default_statistics_target` applies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statistics: Option<i32>,
    /// Attribute options as the server renders them (`n_distinct=100`), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

impl ColumnAttributes {
    pub fn is_default(&self) -> bool {
        *self == ColumnAttributes::default()
    }
}

/// A storage strategy other than the type's, with the type's (what a reset goes back to).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorageOverride {
    pub strategy: Storage,
    pub type_default: Storage,
}

/// `attstorage` / `typstorage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Storage {
    Plain,
    External,
    Extended,
    Main,
}

impl Storage {
    pub fn sql(self) -> &'static str {
        match self {
            Storage::Plain => "PLAIN",
            Storage::External => "EXTERNAL",
            Storage::Extended => "EXTENDED",
            Storage::Main => "MAIN",
        }
    }
}

impl TryFrom<&str> for Storage {
    type Error = String;
    fn try_from(code: &str) -> Result<Self, String> {
        Ok(match code {
            "p" => Storage::Plain,
            "e" => Storage::External,
            "x" => Storage::Extended,
            "m" => Storage::Main,
            other => return Err(format!("unknown storage strategy {other:?}")),
        })
    }
}

/// `attcompression` (PostgreSQL 14+).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Compression {
    Pglz,
    Lz4,
}

impl Compression {
    pub fn sql(self) -> &'static str {
        match self {
            Compression::Pglz => "pglz",
            Compression::Lz4 => "lz4",
        }
    }
}

impl TryFrom<&str> for Compression {
    type Error = String;
    fn try_from(code: &str) -> Result<Self, String> {
        Ok(match code {
            "p" => Compression::Pglz,
            "l" => Compression::Lz4,
            other => return Err(format!("unknown compression method {other:?}")),
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityKind {
    Always,
    ByDefault,
}

/// An identity column with the options of its internal sequence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub kind: IdentityKind,
    pub options: SeqOptions,
    /// The internal sequence's name (`None` where the source has none: SQLite, older snapshots).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<QName>,
}

impl Identity {
    /// Same kind, options and (where both sides know it) sequence name.
    pub fn same_as(&self, other: &Identity) -> bool {
        self.kind == other.kind
            && self.options == other.options
            && (self.sequence.is_none() || other.sequence.is_none() || self.sequence == other.sequence)
    }

    /// The sequence name to spell out (`SEQUENCE NAME`): only when it is not the one PostgreSQL would choose
    /// itself for `table.column` (`<table>_<column>_seq` in the table's schema).
    pub fn explicit_sequence(&self, table: &QName, column: &str) -> Option<&QName> {
        self.sequence.as_ref().filter(|s| s.schema != table.schema || s.name != format!("{}_{column}_seq", table.name))
    }
}

/// Sequence options shared by sequences and identity columns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeqOptions {
    pub start: i64,
    pub increment: i64,
    pub min: i64,
    pub max: i64,
    pub cache: i64,
    pub cycle: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConstraintKind {
    PrimaryKey,
    Unique,
    ForeignKey,
    Check,
    Exclusion,
}

impl TryFrom<&str> for ConstraintKind {
    type Error = String;
    fn try_from(code: &str) -> Result<Self, String> {
        Ok(match code {
            "p" => ConstraintKind::PrimaryKey,
            "u" => ConstraintKind::Unique,
            "f" => ConstraintKind::ForeignKey,
            "c" => ConstraintKind::Check,
            "x" => ConstraintKind::Exclusion,
            other => return Err(format!("unknown constraint type {other:?}")),
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraint {
    pub name: String,
    pub kind: ConstraintKind,
    /// `pg_get_constraintdef` without the trailing ` NOT VALID` (that state is `validated`).
    pub definition: String,
    pub validated: bool,
    /// Storage parameters of the index behind a primary key, unique or exclusion constraint.
    #[serde(default)]
    pub index_options: Vec<String>,
    pub comment: Option<String>,
}

/// A table's `REPLICA IDENTITY` when it is not the default (the primary key). Serialized as the clause
/// (`FULL`, `NOTHING`, `USING INDEX name`, the name quoted only when it needs it), as snapshots have it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ReplicaIdentity {
    Full,
    Nothing,
    /// The index, in the table's schema.
    UsingIndex(String),
}

impl ReplicaIdentity {
    fn clause(&self) -> String {
        match self {
            ReplicaIdentity::Full => "FULL".into(),
            ReplicaIdentity::Nothing => "NOTHING".into(),
            ReplicaIdentity::UsingIndex(name) => {
                let plain = name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
                    && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                if plain {
                    format!("USING INDEX {name}")
                } else {
                    format!("USING INDEX {}", super::Ident(name))
                }
            }
        }
    }

    fn from_clause(s: &str) -> Option<ReplicaIdentity> {
        match s {
            "FULL" => Some(ReplicaIdentity::Full),
            "NOTHING" => Some(ReplicaIdentity::Nothing),
            _ => {
                let name = s.strip_prefix("USING INDEX ")?;
                let name = match name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
                    Some(quoted) => quoted.replace("\"\"", "\""),
                    None => name.to_string(),
                };
                Some(ReplicaIdentity::UsingIndex(name))
            }
        }
    }
}

impl serde::Serialize for ReplicaIdentity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.clause())
    }
}

impl<'de> serde::Deserialize<'de> for ReplicaIdentity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ReplicaIdentity::from_clause(&s).ok_or_else(|| serde::de::Error::custom(format!("not a replica identity: {s}")))
    }
}

#[cfg(test)]
mod replica_identity_tests {
    use super::ReplicaIdentity;

    #[test]
    fn the_clause_round_trips() {
        for r in [
            ReplicaIdentity::Full,
            ReplicaIdentity::Nothing,
            ReplicaIdentity::UsingIndex("t_code".into()),
            ReplicaIdentity::UsingIndex("T \"code\"".into()),
        ] {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(serde_json::from_str::<ReplicaIdentity>(&json).unwrap(), r, "{json}");
        }
        assert_eq!(ReplicaIdentity::UsingIndex("T code".into()).clause(), "USING INDEX \"T code\"");
        assert!(serde_json::from_str::<ReplicaIdentity>("\"DEFAULT\"").is_err());
    }
}
