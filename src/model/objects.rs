//! Schemas, extensions, sequences, enums, indexes and objects of kinds not modelled yet.

use super::{QName, SeqOptions};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    pub name: String,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub name: String,
    pub schema: String,
    pub version: String,
    pub comment: Option<String>,
    /// `extrelocatable = false`: `ALTER EXTENSION .. SET SCHEMA` is refused; moving it is a drop and a
    /// re-creation.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fixed_schema: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sequence {
    pub name: QName,
    /// `smallint`, `integer` or `bigint`.
    pub data_type: String,
    pub options: SeqOptions,
    pub unlogged: bool,
    /// `OWNED BY` table and column.
    pub owned_by: Option<(QName, String)>,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumType {
    pub name: QName,
    pub labels: Vec<String>,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub name: QName,
    pub table: QName,
    /// `pg_get_indexdef`: method, opclasses, INCLUDE, predicate and storage parameters, compared whole.
    pub definition: String,
    pub comment: Option<String>,
}

/// An object of a kind pgdrift does not model yet, kept with a definition text so that a difference is
/// reported instead of silently ignored.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Unmodelled {
    pub kind: String,
    pub schema: String,
    pub name: String,
    pub definition: String,
}

/// A view: `pg_get_viewdef` is compared whole; options hold check_option, security_barrier and
/// security_invoker as the server lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    pub name: QName,
    #[serde(default)]
    pub materialized: bool,
    pub definition: String,
    pub options: Vec<String>,
    /// Output columns (name, type as format_type renders it): follow from the definition, used by codegen.
    #[serde(default)]
    pub columns: Vec<(String, String)>,
    pub comment: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunctionKind {
    Function,
    Procedure,
}

/// A function or procedure; overloads are distinct objects, identified by their identity arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Function {
    pub name: QName,
    /// `pg_get_function_identity_arguments`: part of the identity.
    pub identity_args: String,
    /// `pg_get_function_arguments`: names, modes and defaults (a change here needs drop + create).
    pub arguments: String,
    pub result: String,
    pub kind: FunctionKind,
    /// `pg_get_functiondef`: the whole `CREATE OR REPLACE` statement.
    pub definition: String,
    pub comment: Option<String>,
}

impl Function {
    /// `"schema"."name"(identity args)`.
    pub fn signature(&self) -> String {
        format!("{}({})", self.name.sql(), self.identity_args)
    }
}

/// A trigger on a table or view, compared by `pg_get_triggerdef`, with its firing state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    pub table: QName,
    pub name: String,
    pub definition: String,
    /// `tgenabled`: O (enabled), D (disabled), R (replica only), A (always).
    pub enabled: TriggerState,
    pub comment: Option<String>,
}

/// A named CHECK constraint of a domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainConstraint {
    pub name: String,
    /// `pg_get_constraintdef` without ` NOT VALID` (that is `validated`).
    pub definition: String,
    pub validated: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    pub name: QName,
    pub base: String,
    pub collation: Option<String>,
    pub default: Option<String>,
    pub not_null: bool,
    pub constraints: Vec<DomainConstraint>,
    pub comment: Option<String>,
}

/// A row level security policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub table: QName,
    pub name: String,
    pub permissive: bool,
    /// `polcmd`: r (SELECT), a (INSERT), w (UPDATE), d (DELETE), * (ALL).
    pub command: PolicyCommand,
    /// Role names (unquoted), sorted; `PUBLIC` alone for everyone (as in `Grant`).
    pub roles: Vec<String>,
    pub using: Option<String>,
    pub check: Option<String>,
    pub comment: Option<String>,
}

/// An attribute of a composite type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribute {
    pub name: String,
    pub data_type: String,
    pub collation: Option<String>,
}

/// A composite type (`CREATE TYPE .. AS (...)`), attributes in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompositeType {
    pub name: QName,
    pub attributes: Vec<Attribute>,
    pub comment: Option<String>,
}

/// One effective privilege of one grantee on one object (the owner's implicit privileges are not listed).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Grant {
    /// The object: a table, view, sequence, column, function, schema or type (enum, domain, composite).
    pub on: super::ObjectId,
    /// A role name, or `PUBLIC`.
    pub grantee: String,
    /// `SELECT`, `INSERT`, `USAGE`, `EXECUTE`, ...
    pub privilege: String,
    pub grantable: bool,
}

/// A privilege on a member of an extension (a function, table, sequence or type the extension's script
/// made), read only where the member's privileges are no longer those the script left: `initial` rows are
/// those (`pg_init_privs`), the others what holds now. Compared against the initial ones.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MemberGrant {
    pub extension: String,
    pub grant: Grant,
    /// What the extension's script granted (the baseline), not what holds now.
    pub initial: bool,
    /// What GRANT names it as.
    pub class: MemberClass,
}

/// The kind of an extension member whose privileges are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberClass {
    Table,
    Sequence,
    Function,
    Procedure,
    Type,
}

impl TryFrom<&str> for MemberClass {
    type Error = String;
    fn try_from(label: &str) -> Result<Self, String> {
        Ok(match label {
            "table" => MemberClass::Table,
            "sequence" => MemberClass::Sequence,
            "function" => MemberClass::Function,
            "procedure" => MemberClass::Procedure,
            "type" => MemberClass::Type,
            other => return Err(format!("unknown extension member class {other:?}")),
        })
    }
}

/// `ALTER DEFAULT PRIVILEGES FOR ROLE role [IN SCHEMA schema]`: what objects of `objtype` that `role` creates
/// are granted (the role's own rights left out). A global entry (empty schema) replaces the built-in default.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DefaultPrivileges {
    pub role: String,
    /// Empty for the role's global defaults.
    pub schema: String,
    /// `r` tables, `S` sequences, `f` functions, `T` types, `n` schemas.
    pub objtype: DefaultObjType,
    /// (grantee or `PUBLIC`, privilege, grantable), sorted.
    pub grants: Vec<(String, String, bool)>,
}

/// A publication for logical replication.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    pub name: String,
    pub all_tables: bool,
    /// Published operations: `insert`, `update`, `delete`, `truncate`.
    pub publish: Vec<String>,
    pub via_root: bool,
    /// Member tables (in the filtered schemas), sorted.
    pub tables: Vec<super::QName>,
    /// The member tables with a row filter or a column list (PostgreSQL 15+), sorted by table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<TableFilter>,
    /// `FOR TABLES IN SCHEMA` (PostgreSQL 15+; in the filtered schemas), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<String>,
    pub comment: Option<String>,
}

/// What a publication publishes of one member table: rows matching `row_filter`, columns in `columns`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TableFilter {
    pub table: super::QName,
    /// `WHERE (..)` as the server prints it.
    pub row_filter: Option<String>,
    /// The column list, in the table's column order.
    pub columns: Option<Vec<String>>,
}

impl Publication {
    /// The row filter and column list of a member table, if it has either.
    pub fn filter(&self, table: &super::QName) -> Option<&TableFilter> {
        self.filters.iter().find(|f| &f.table == table)
    }
}

/// The owner of an object (read only with `--with-owners`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Owner {
    pub on: super::ObjectId,
    pub role: String,
}

/// A range type (`CREATE TYPE .. AS RANGE`): subtype and options (`subtype_opclass = ..`, `collation = ..`,
/// `canonical = ..`, `subtype_diff = ..`, `multirange_type_name = ..`) as CREATE TYPE takes them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RangeType {
    pub name: super::QName,
    pub subtype: String,
    pub options: Vec<String>,
    pub comment: Option<String>,
}

/// A collation (`CREATE COLLATION`): ICU with its locale, or libc with LC_COLLATE / LC_CTYPE.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collation {
    pub name: super::QName,
    /// `icu`, `libc`, `builtin` or `default`.
    pub provider: String,
    pub locale: Option<String>,
    pub lc_collate: Option<String>,
    pub lc_ctype: Option<String>,
    pub deterministic: bool,
    pub comment: Option<String>,
}

/// An aggregate (`CREATE AGGREGATE`): its options (SFUNC, STYPE, FINALFUNC, INITCOND, ...) compared whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aggregate {
    pub name: super::QName,
    /// Identity arguments (the key among overloads, and what DROP AGGREGATE takes).
    pub identity_args: String,
    /// Arguments as CREATE AGGREGATE takes them (with `ORDER BY` for ordered-set aggregates).
    pub arguments: String,
    pub options: String,
    pub comment: Option<String>,
}

/// `polcmd`: what a policy applies to (serialized as the catalog's code).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PolicyCommand {
    #[serde(rename = "*")]
    All,
    #[serde(rename = "r")]
    Select,
    #[serde(rename = "a")]
    Insert,
    #[serde(rename = "w")]
    Update,
    #[serde(rename = "d")]
    Delete,
}

impl PolicyCommand {
    pub fn sql(self) -> &'static str {
        match self {
            PolicyCommand::All => "ALL",
            PolicyCommand::Select => "SELECT",
            PolicyCommand::Insert => "INSERT",
            PolicyCommand::Update => "UPDATE",
            PolicyCommand::Delete => "DELETE",
        }
    }
}

impl TryFrom<&str> for PolicyCommand {
    type Error = String;
    fn try_from(code: &str) -> Result<Self, String> {
        Ok(match code {
            "*" => PolicyCommand::All,
            "r" => PolicyCommand::Select,
            "a" => PolicyCommand::Insert,
            "w" => PolicyCommand::Update,
            "d" => PolicyCommand::Delete,
            other => return Err(format!("unknown policy command {other:?}")),
        })
    }
}

/// `tgenabled`: when a trigger fires (serialized as the catalog's code).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TriggerState {
    /// Fires in origin and local sessions (the default).
    #[serde(rename = "O")]
    Enabled,
    #[serde(rename = "D")]
    Disabled,
    #[serde(rename = "R")]
    Replica,
    #[serde(rename = "A")]
    Always,
}

impl TriggerState {
    /// The keywords that set it (rules and event triggers take the same ones as triggers).
    pub fn verb(self) -> &'static str {
        match self {
            TriggerState::Enabled => "ENABLE",
            TriggerState::Disabled => "DISABLE",
            TriggerState::Replica => "ENABLE REPLICA",
            TriggerState::Always => "ENABLE ALWAYS",
        }
    }

    /// The `ALTER TABLE` clause that sets a trigger's.
    pub fn sql(self) -> &'static str {
        match self {
            TriggerState::Enabled => "ENABLE TRIGGER",
            TriggerState::Disabled => "DISABLE TRIGGER",
            TriggerState::Replica => "ENABLE REPLICA TRIGGER",
            TriggerState::Always => "ENABLE ALWAYS TRIGGER",
        }
    }
}

impl TryFrom<&str> for TriggerState {
    type Error = String;
    fn try_from(code: &str) -> Result<Self, String> {
        Ok(match code {
            "O" => TriggerState::Enabled,
            "D" => TriggerState::Disabled,
            "R" => TriggerState::Replica,
            "A" => TriggerState::Always,
            other => return Err(format!("unknown trigger state {other:?}")),
        })
    }
}

/// `defaclobjtype`: the kind of object default privileges apply to (serialized as the catalog's code; the
/// variants are in the codes' order, which orders default privileges).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DefaultObjType {
    #[serde(rename = "S")]
    Sequences,
    #[serde(rename = "T")]
    Types,
    #[serde(rename = "f")]
    Functions,
    #[serde(rename = "n")]
    Schemas,
    #[serde(rename = "r")]
    Tables,
}

impl DefaultObjType {
    pub fn sql(self) -> &'static str {
        match self {
            DefaultObjType::Sequences => "SEQUENCES",
            DefaultObjType::Types => "TYPES",
            DefaultObjType::Functions => "FUNCTIONS",
            DefaultObjType::Schemas => "SCHEMAS",
            DefaultObjType::Tables => "TABLES",
        }
    }
    /// The catalog's code (as reasons have always named it).
    pub fn code(self) -> &'static str {
        match self {
            DefaultObjType::Sequences => "S",
            DefaultObjType::Types => "T",
            DefaultObjType::Functions => "f",
            DefaultObjType::Schemas => "n",
            DefaultObjType::Tables => "r",
        }
    }
}

impl TryFrom<&str> for DefaultObjType {
    type Error = String;
    fn try_from(code: &str) -> Result<Self, String> {
        Ok(match code {
            "S" => DefaultObjType::Sequences,
            "T" => DefaultObjType::Types,
            "f" => DefaultObjType::Functions,
            "n" => DefaultObjType::Schemas,
            "r" => DefaultObjType::Tables,
            other => return Err(format!("unknown default privileges object type {other:?}")),
        })
    }
}
