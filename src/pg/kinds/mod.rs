//! The PostgreSQL object kinds, one module each: the decoding of its catalog query, its operation enum, its
//! diff (create / drop / alter / replace decisions) and the SQL of its operations; `KINDS` registers them.
//! `Op` (op.rs) has one variant per kind here.

pub mod access_method;
pub mod aggregate;
pub mod cast;
pub mod collation;
pub mod column;
pub mod composite;
pub mod constraint;
pub mod conversion;
pub mod domain;
pub mod enum_type;
pub mod event_trigger;
pub mod extension;
pub mod foreign_data_wrapper;
pub mod foreign_server;
pub mod function;
pub mod index;
pub mod language;
pub mod operator;
pub mod operator_class;
pub mod operator_family;
pub mod policy;
pub mod publication;
pub mod range;
pub mod role;
pub mod rule;
pub mod schema;
pub mod sequence;
pub mod statistics;
pub mod subscription;
pub mod table;
pub mod text_search_configuration;
pub mod text_search_dictionary;
pub mod text_search_parser;
pub mod text_search_template;
pub mod transform;
pub mod trigger;
pub mod user_mapping;
pub mod view;

use crate::pg::diff::Diffing;
use crate::pg::inspect::{Decoding, Failure};
use postgres::Row;

pub use access_method::AccessMethodOp;
pub use aggregate::AggregateOp;
pub use cast::CastOp;
pub use collation::CollationOp;
pub use column::ColumnOp;
pub use composite::CompositeOp;
pub use constraint::ConstraintOp;
pub use conversion::ConversionOp;
pub use domain::DomainOp;
pub use enum_type::EnumOp;
pub use event_trigger::EventTriggerOp;
pub use extension::ExtensionOp;
pub use foreign_data_wrapper::ForeignDataWrapperOp;
pub use foreign_server::ForeignServerOp;
pub use function::FunctionOp;
pub use index::IndexOp;
pub use language::LanguageOp;
pub use operator::OperatorOp;
pub use operator_class::OperatorClassOp;
pub use operator_family::OperatorFamilyOp;
pub use policy::PolicyOp;
pub use publication::PublicationOp;
pub use range::RangeOp;
pub use role::RoleOp;
pub use rule::RuleOp;
pub use schema::SchemaOp;
pub use sequence::SequenceOp;
pub use statistics::StatisticsOp;
pub use subscription::SubscriptionOp;
pub use table::TableOp;
pub use text_search_configuration::TsConfigurationOp;
pub use text_search_dictionary::TsDictionaryOp;
pub use text_search_parser::TsParserOp;
pub use text_search_template::TsTemplateOp;
pub use transform::TransformOp;
pub use trigger::TriggerOp;
pub use user_mapping::UserMappingOp;
pub use view::ViewOp;

/// One kind in the registry: its catalog query and decoder (run in registry order, so a decoder may use
/// what earlier ones found) and its diff (run in the same order).
pub(crate) struct Entry {
    /// The query's file under `sql/pg/`, named after the module (named in errors).
    pub file: &'static str,
    pub sql: &'static str,
    pub decode: fn(&mut Decoding, &mut dyn Iterator<Item = Row>) -> Result<(), Failure>,
    /// `None` for a kind diffed as part of another (a table's columns and constraints, by `table`).
    pub diff: Option<fn(&mut Diffing)>,
}

/// A registry entry for the kind module `$kind`: `sql/pg/$kind.sql`, `$kind::decode` and, unless it is
/// diffed by another kind, `$kind::diff`.
macro_rules! entry {
    ($kind:ident, diffed by $owner:ident) => {
        Entry {
            file: concat!(stringify!($kind), ".sql"),
            sql: include_str!(concat!("../../../sql/pg/", stringify!($kind), ".sql")),
            decode: $kind::decode,
            diff: None,
        }
    };
    ($kind:ident) => {
        Entry {
            file: concat!(stringify!($kind), ".sql"),
            sql: include_str!(concat!("../../../sql/pg/", stringify!($kind), ".sql")),
            decode: $kind::decode,
            diff: Some($kind::diff),
        }
    };
}

/// Every PostgreSQL kind, in the order catalogs are read and diffed: adding a kind is one line here (after
/// the kinds its decoder or diff relies on), its module, its `.sql` file and its `Op` variant.
pub(crate) const KINDS: &[Entry] = &[
    entry!(schema),
    entry!(extension),
    entry!(collation),
    entry!(enum_type),
    entry!(range),
    entry!(domain),
    entry!(composite),
    entry!(sequence),
    entry!(table),
    entry!(column, diffed by table),
    entry!(constraint, diffed by table),
    entry!(view),
    entry!(index),
    entry!(statistics),
    entry!(function),
    entry!(aggregate),
    entry!(trigger),
    entry!(rule),
    entry!(policy),
    entry!(publication),
    entry!(event_trigger),
    entry!(cast),
    entry!(text_search_dictionary),
    entry!(text_search_configuration),
    entry!(foreign_data_wrapper),
    entry!(foreign_server),
    entry!(user_mapping),
    entry!(subscription),
    entry!(role),
    entry!(language),
    entry!(transform),
    entry!(access_method),
    entry!(operator),
    entry!(operator_family),
    entry!(operator_class),
    entry!(conversion),
    entry!(text_search_parser),
    entry!(text_search_template),
];
