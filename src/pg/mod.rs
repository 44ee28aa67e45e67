//! PostgreSQL: one module per object kind (`kinds/`: its operations, its diff, its SQL), the cross-kind
//! mechanisms the kinds share (type rebuilds, forced replacements, lineage, rows, privileges, comments,
//! sequence bounds), and the `Op` that joins the kinds' operations.

pub mod body;
mod bounds;
pub mod comment;
pub mod diff;
#[cfg(test)]
mod hazard_tests;
mod identity;
pub mod inspect;
pub mod kinds;
mod lineage;
pub mod list;
pub mod op;
pub mod options;
pub mod owners;
pub mod privileges;
mod rebuild;
pub mod rename;
mod replace;
mod rows;
mod types;

pub use diff::{diff, Diff, UnmodelledDiff};
pub(crate) use kinds::aggregate::signature as aggregate_signature;
pub use op::{Action, AttributeAction, Change, CommentTarget, Conversion, DomainAction, Op, Phase, RetypedColumn};

/// What every kind module and mechanism uses: the change types, every kind's operations, the keyed differ,
/// hazards and the model (glob-imported, so not every module uses every name).
#[allow(unused_imports)]
pub(crate) mod prelude {
    pub(crate) use super::comment::comment;
    pub(crate) use super::diff::{Diffing, UnmodelledDiff};
    pub(crate) use super::kinds::{
        AggregateOp, CastOp, CollationOp, ColumnOp, CompositeOp, ConstraintOp, DomainOp, EnumOp, EventTriggerOp,
        ExtensionOp, ForeignDataWrapperOp, ForeignServerOp, FunctionOp, IndexOp, PolicyOp, PublicationOp, RangeOp,
        RuleOp, SchemaOp, SequenceOp, StatisticsOp, SubscriptionOp, TableOp, TriggerOp, TsConfigurationOp,
        TsDictionaryOp, UserMappingOp, ViewOp,
    };
    pub(crate) use super::list::{pairs, Pair};
    pub(crate) use super::op::{
        Action, AttributeAction, Change, CommentTarget, Conversion, DomainAction, Op, RetypedColumn,
    };
    pub(crate) use super::owners::OwnedClass;
    pub(crate) use super::privileges::{GrantTarget, PrivilegeOp};
    pub(crate) use super::rows::RowsOp;
    pub(crate) use crate::hazard::{Hazard, HazardKind};
    pub(crate) use crate::model::*;
    pub(crate) use serde::Serialize;
}
