//! The PostgreSQL object kinds, one module each: its operation enum, its diff (create / drop / alter /
//! replace decisions) and the SQL of its operations. `Op` (op.rs) has one variant per kind here.

pub mod aggregate;
pub mod collation;
pub mod column;
pub mod composite;
pub mod constraint;
pub mod domain;
pub mod enum_type;
pub mod extension;
pub mod function;
pub mod index;
pub mod policy;
pub mod publication;
pub mod range;
pub mod schema;
pub mod sequence;
pub mod table;
pub mod trigger;
pub mod view;

pub use aggregate::AggregateOp;
pub use collation::CollationOp;
pub use column::ColumnOp;
pub use composite::CompositeOp;
pub use constraint::ConstraintOp;
pub use domain::DomainOp;
pub use enum_type::EnumOp;
pub use extension::ExtensionOp;
pub use function::FunctionOp;
pub use index::IndexOp;
pub use policy::PolicyOp;
pub use publication::PublicationOp;
pub use range::RangeOp;
pub use schema::SchemaOp;
pub use sequence::SequenceOp;
pub use table::TableOp;
pub use trigger::TriggerOp;
pub use view::ViewOp;
