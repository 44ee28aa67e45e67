//! The typed result of a diff: one `Change` per statement-level operation, with the objects it touches.

use super::kinds::{
    AccessMethodOp, AggregateOp, CastOp, CollationOp, ColumnOp, CompositeOp, ConstraintOp, ConversionOp, DomainOp,
    EnumOp, EventTriggerOp, ExtensionOp, ForeignDataWrapperOp, ForeignServerOp, FunctionOp, IndexOp, LanguageOp,
    OperatorClassOp, OperatorFamilyOp, OperatorOp, PolicyOp, PublicationOp, RangeOp, RoleOp, RuleOp, SchemaOp,
    SequenceOp, StatisticsOp, SubscriptionOp, TableOp, TransformOp, TriggerOp, TsConfigurationOp, TsDictionaryOp,
    TsParserOp, TsTemplateOp, UserMappingOp, ViewOp,
};
use super::privileges::PrivilegeOp;
use super::rows::RowsOp;
use crate::hazard::Hazard;
use crate::model::*;
use serde::Serialize;

/// What a change does to its object; the planner orders drops, creations and alterations differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Drop,
    Create,
    Alter,
}

/// The phases of a plan, in the order they run (the discriminant is the position).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    Roles,
    Renames,
    Main,
    RoleDrops,
}

impl Phase {
    pub const ALL: [Phase; 4] = [Phase::Roles, Phase::Renames, Phase::Main, Phase::RoleDrops];
}

/// The object a COMMENT statement targets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum CommentTarget {
    Schema(String),
    Extension(String),
    Type(QName),
    Sequence(QName),
    Table(QName),
    ForeignTable(QName),
    Column(QName, String),
    Constraint(QName, String),
    Index(QName),
    Domain(QName),
    Collation(QName),
    /// An aggregate by name and identity arguments.
    Aggregate(QName, String),
    View(QName),
    MaterializedView(QName),
    Trigger(QName, String),
    Policy(QName, String),
    /// A function by name and identity arguments, and whether it is a procedure.
    Function(QName, String, bool),
    Statistics(QName),
    Rule(QName, String),
    EventTrigger(String),
    /// A cast by its source and target types.
    Cast(String, String),
    TsDictionary(QName),
    TsConfiguration(QName),
    ForeignDataWrapper(String),
    ForeignServer(String),
    Subscription(String),
    Role(String),
    TsParser(QName),
    TsTemplate(QName),
    Language(String),
    /// A transform by type and language.
    Transform(String, String),
    /// An operator by name and signature.
    Operator(QName, String),
    Conversion(QName),
    AccessMethod(String),
    /// By name and access method.
    OperatorFamily(QName, String),
    OperatorClass(QName, String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum DomainAction {
    SetDefault(String),
    DropDefault,
    SetNotNull,
    DropNotNull,
    AddConstraint(DomainConstraint),
    DropConstraint(String),
    ValidateConstraint(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum AttributeAction {
    Add(Attribute),
    Drop(String),
    AlterType(Attribute),
}

/// How `ALTER COLUMN .. TYPE` converts the values a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Conversion {
    /// No `USING`: identity and generated columns refuse one; the assignment cast applies.
    Assignment,
    /// `USING col::type`.
    Cast,
    /// `USING col::text::type`: there is no cast between two distinct enums, or an enum and another type.
    ThroughText,
}

/// One column of an enum or domain being rebuilt: converted (enums through text, domains through the new
/// base type) to the new type of the same name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RetypedColumn {
    pub table: QName,
    pub column: String,
    /// The column's type as TO declares it.
    pub data_type: String,
    pub is_array: bool,
    pub default_before: Option<String>,
    pub default_after: Option<String>,
}

/// One operation: the operation of one object kind. Every match over it names each kind (no catch-all), so a
/// new kind does not compile until it is rendered, and a new operation of a kind until its module renders it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Op {
    Schema(SchemaOp),
    Extension(ExtensionOp),
    Enum(EnumOp),
    Domain(DomainOp),
    Composite(CompositeOp),
    Collation(CollationOp),
    Range(RangeOp),
    Sequence(SequenceOp),
    Aggregate(AggregateOp),
    Table(TableOp),
    Column(ColumnOp),
    Constraint(ConstraintOp),
    Index(IndexOp),
    View(ViewOp),
    Function(FunctionOp),
    Publication(PublicationOp),
    Policy(PolicyOp),
    Trigger(TriggerOp),
    Statistics(StatisticsOp),
    Rule(RuleOp),
    EventTrigger(EventTriggerOp),
    Cast(CastOp),
    TsDictionary(TsDictionaryOp),
    TsConfiguration(TsConfigurationOp),
    ForeignDataWrapper(ForeignDataWrapperOp),
    ForeignServer(ForeignServerOp),
    UserMapping(UserMappingOp),
    Subscription(SubscriptionOp),
    Role(RoleOp),
    AccessMethod(AccessMethodOp),
    OperatorFamily(OperatorFamilyOp),
    OperatorClass(OperatorClassOp),
    /// An `ALTER .. RENAME` (declared or detected).
    Rename(super::rename::RenameOp),
    Conversion(ConversionOp),
    Language(LanguageOp),
    Operator(OperatorOp),
    TsParser(TsParserOp),
    TsTemplate(TsTemplateOp),
    Transform(TransformOp),
    /// Rows carried across a table that is re-created (`rows.rs`).
    Rows(RowsOp),
    /// Grants, default privileges, owners (`privileges.rs`).
    Privilege(PrivilegeOp),
    /// `COMMENT ON target IS text` (`comment.rs`).
    Comment {
        target: CommentTarget,
        text: Option<String>,
    },
}

impl Op {
    /// The SQL statements (each ending in `;`) that carry out this operation: its kind's module renders it.
    pub fn render(&self) -> Vec<String> {
        use super::kinds::*;
        match self {
            Op::Schema(o) => schema::render(o),
            Op::Extension(o) => extension::render(o),
            Op::Enum(o) => enum_type::render(o),
            Op::Domain(o) => domain::render(o),
            Op::Composite(o) => composite::render(o),
            Op::Collation(o) => collation::render(o),
            Op::Range(o) => range::render(o),
            Op::Sequence(o) => sequence::render(o),
            Op::Aggregate(o) => aggregate::render(o),
            Op::Table(o) => table::render(o),
            Op::Column(o) => column::render(o),
            Op::Constraint(o) => constraint::render(o),
            Op::Index(o) => index::render(o),
            Op::View(o) => view::render(o),
            Op::Function(o) => function::render(o),
            Op::Publication(o) => publication::render(o),
            Op::Policy(o) => policy::render(o),
            Op::Trigger(o) => trigger::render(o),
            Op::Statistics(o) => statistics::render(o),
            Op::Rule(o) => rule::render(o),
            Op::EventTrigger(o) => event_trigger::render(o),
            Op::Cast(o) => cast::render(o),
            Op::TsDictionary(o) => text_search_dictionary::render(o),
            Op::TsConfiguration(o) => text_search_configuration::render(o),
            Op::ForeignDataWrapper(o) => foreign_data_wrapper::render(o),
            Op::ForeignServer(o) => foreign_server::render(o),
            Op::UserMapping(o) => user_mapping::render(o),
            Op::Subscription(o) => subscription::render(o),
            Op::Role(o) => super::kinds::role::render(o),
            Op::AccessMethod(o) => super::kinds::access_method::render(o),
            Op::OperatorFamily(o) => super::kinds::operator_family::render(o),
            Op::OperatorClass(o) => super::kinds::operator_class::render(o),
            Op::Rename(o) => super::rename::render(o),
            Op::Conversion(o) => super::kinds::conversion::render(o),
            Op::Language(o) => super::kinds::language::render(o),
            Op::Operator(o) => super::kinds::operator::render(o),
            Op::TsParser(o) => super::kinds::text_search_parser::render(o),
            Op::TsTemplate(o) => super::kinds::text_search_template::render(o),
            Op::Transform(o) => super::kinds::transform::render(o),
            Op::Rows(o) => super::rows::render(o),
            Op::Privilege(o) => super::privileges::render(o),
            Op::Comment { target, text } => super::comment::render(target, text),
        }
    }
}

impl Op {
    /// The psql variables of secret option values its SQL names instead of printing them (`pg::options`).
    pub fn secret_variables(&self) -> Vec<String> {
        use super::kinds::{foreign_data_wrapper, foreign_server, user_mapping};
        match self {
            Op::ForeignDataWrapper(o) => foreign_data_wrapper::secrets(o),
            Op::ForeignServer(o) => foreign_server::secrets(o),
            Op::UserMapping(o) => user_mapping::secrets(o),
            Op::Subscription(o) => super::kinds::subscription::secrets(o),
            Op::Table(o) => super::kinds::table::secrets(o),
            Op::Schema(_)
            | Op::Extension(_)
            | Op::Enum(_)
            | Op::Domain(_)
            | Op::Composite(_)
            | Op::Collation(_)
            | Op::Range(_)
            | Op::Sequence(_)
            | Op::Aggregate(_)
            | Op::Column(_)
            | Op::Constraint(_)
            | Op::Index(_)
            | Op::View(_)
            | Op::Function(_)
            | Op::Publication(_)
            | Op::Policy(_)
            | Op::Trigger(_)
            | Op::Statistics(_)
            | Op::Rule(_)
            | Op::EventTrigger(_)
            | Op::Cast(_)
            | Op::TsDictionary(_)
            | Op::TsConfiguration(_)
            | Op::Role(_)
            | Op::AccessMethod(_)
            | Op::OperatorFamily(_)
            | Op::OperatorClass(_)
            | Op::Rename(_)
            | Op::Conversion(_)
            | Op::Language(_)
            | Op::Operator(_)
            | Op::TsParser(_)
            | Op::TsTemplate(_)
            | Op::Transform(_)
            | Op::Rows(_)
            | Op::Privilege(_)
            | Op::Comment { .. } => Vec::new(),
        }
    }
}

/// One operation of the plan with the objects it touches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub action: Action,
    /// The object the change is about; changes of one object keep their generation order.
    pub id: ObjectId,
    /// Further objects created or dropped with it (the columns of a new table, the parts of a dropped one).
    pub covers: Vec<ObjectId>,
    /// Further objects that must exist first (in TO), beyond the dependencies of `id` and `covers`.
    pub needs: Vec<ObjectId>,
    pub op: Op,
    pub hazards: Vec<Hazard>,
}

impl Op {
    /// Changes that no dependent of their object can block (a sequence's options, its owner, a comment):
    /// they need not wait for those dependents' drops (rule 3 of the graph), which would otherwise tie a
    /// sequence kept by TO to the drop of the table whose default used it.
    pub fn indifferent_to_dependents(&self) -> bool {
        match self {
            Op::Sequence(o) => match o {
                SequenceOp::Alter { .. } | SequenceOp::SetLogged { .. } | SequenceOp::SetOwner { .. } => true,
                SequenceOp::Create(_) | SequenceOp::Drop(_) => false,
            },
            Op::Comment { .. } => true,
            Op::Schema(_)
            | Op::Extension(_)
            | Op::Enum(_)
            | Op::Domain(_)
            | Op::Composite(_)
            | Op::Collation(_)
            | Op::Range(_)
            | Op::Aggregate(_)
            | Op::Table(_)
            | Op::Column(_)
            | Op::Constraint(_)
            | Op::Index(_)
            | Op::View(_)
            | Op::Function(_)
            | Op::Publication(_)
            | Op::Policy(_)
            | Op::Trigger(_)
            | Op::Statistics(_)
            | Op::Rule(_)
            | Op::EventTrigger(_)
            | Op::Cast(_)
            | Op::TsDictionary(_)
            | Op::TsConfiguration(_)
            | Op::ForeignDataWrapper(_)
            | Op::ForeignServer(_)
            | Op::UserMapping(_)
            | Op::Subscription(_)
            | Op::Role(_)
            | Op::AccessMethod(_)
            | Op::OperatorFamily(_)
            | Op::OperatorClass(_)
            | Op::Rename(_)
            | Op::Conversion(_)
            | Op::Language(_)
            | Op::Operator(_)
            | Op::TsParser(_)
            | Op::TsTemplate(_)
            | Op::Transform(_)
            | Op::Rows(_)
            | Op::Privilege(_) => false,
        }
    }

    /// Where the change runs in the plan (`plan::graph::order` orders each phase on its own): roles are
    /// cluster-wide and named by grants, owners, policies and mappings rather than depended on in
    /// `pg_depend`, so role creations and alterations (memberships, settings, comments) come first and role
    /// drops last; renames next after the roles, since every other change was planned against FROM as the
    /// renames leave it and a rename needs nothing but its object (which FROM has).
    pub fn phase(&self) -> Phase {
        match self {
            Op::Role(RoleOp::Drop(_)) => Phase::RoleDrops,
            Op::Role(
                RoleOp::Create(_)
                | RoleOp::Alter { .. }
                | RoleOp::Set { .. }
                | RoleOp::Grant { .. }
                | RoleOp::Revoke { .. },
            ) => Phase::Roles,
            Op::Comment { target: CommentTarget::Role(_), .. } => Phase::Roles,
            Op::Rename(_) => Phase::Renames,
            Op::Schema(_)
            | Op::Extension(_)
            | Op::Enum(_)
            | Op::Domain(_)
            | Op::Composite(_)
            | Op::Collation(_)
            | Op::Range(_)
            | Op::Sequence(_)
            | Op::Aggregate(_)
            | Op::Table(_)
            | Op::Column(_)
            | Op::Constraint(_)
            | Op::Index(_)
            | Op::View(_)
            | Op::Function(_)
            | Op::Publication(_)
            | Op::Policy(_)
            | Op::Trigger(_)
            | Op::Statistics(_)
            | Op::Rule(_)
            | Op::EventTrigger(_)
            | Op::Cast(_)
            | Op::TsDictionary(_)
            | Op::TsConfiguration(_)
            | Op::ForeignDataWrapper(_)
            | Op::ForeignServer(_)
            | Op::UserMapping(_)
            | Op::Subscription(_)
            | Op::AccessMethod(_)
            | Op::OperatorFamily(_)
            | Op::OperatorClass(_)
            | Op::Conversion(_)
            | Op::Language(_)
            | Op::Operator(_)
            | Op::TsParser(_)
            | Op::TsTemplate(_)
            | Op::Transform(_)
            | Op::Rows(_)
            | Op::Privilege(_)
            | Op::Comment { .. } => Phase::Main,
        }
    }

    /// A type rebuilt under its own name (the old one renamed away, then dropped).
    pub fn is_rebuild(&self) -> bool {
        match self {
            Op::Enum(o) => matches!(o, EnumOp::Rebuild { .. }),
            Op::Domain(o) => matches!(o, DomainOp::Rebuild { .. }),
            Op::Composite(o) => matches!(o, CompositeOp::Rebuild { .. }),
            Op::Collation(o) => matches!(o, CollationOp::Rebuild { .. }),
            Op::Schema(_)
            | Op::Extension(_)
            | Op::Range(_)
            | Op::Sequence(_)
            | Op::Aggregate(_)
            | Op::Table(_)
            | Op::Column(_)
            | Op::Constraint(_)
            | Op::Index(_)
            | Op::View(_)
            | Op::Function(_)
            | Op::Publication(_)
            | Op::Policy(_)
            | Op::Trigger(_)
            | Op::Statistics(_)
            | Op::Rule(_)
            | Op::EventTrigger(_)
            | Op::Cast(_)
            | Op::TsDictionary(_)
            | Op::TsConfiguration(_)
            | Op::ForeignDataWrapper(_)
            | Op::ForeignServer(_)
            | Op::UserMapping(_)
            | Op::Subscription(_)
            | Op::Role(_)
            | Op::AccessMethod(_)
            | Op::OperatorFamily(_)
            | Op::OperatorClass(_)
            | Op::Rename(_)
            | Op::Conversion(_)
            | Op::Language(_)
            | Op::Operator(_)
            | Op::TsParser(_)
            | Op::TsTemplate(_)
            | Op::Transform(_)
            | Op::Rows(_)
            | Op::Privilege(_)
            | Op::Comment { .. } => false,
        }
    }
}

impl Change {
    pub fn new(action: Action, id: ObjectId, op: Op) -> Self {
        Change { action, id, covers: Vec::new(), needs: Vec::new(), op, hazards: Vec::new() }
    }
    pub fn covering(mut self, ids: impl IntoIterator<Item = ObjectId>) -> Self {
        self.covers.extend(ids);
        self
    }
    pub fn needing(mut self, ids: impl IntoIterator<Item = ObjectId>) -> Self {
        self.needs.extend(ids);
        self
    }
    pub fn with_hazard(mut self, h: Hazard) -> Self {
        self.hazards.push(h);
        self
    }
    /// `id` and `covers` together.
    pub fn objects(&self) -> impl Iterator<Item = &ObjectId> {
        std::iter::once(&self.id).chain(self.covers.iter())
    }
}
