//! Owners (`--with-owners`): `ALTER <class> .. OWNER TO` for every object of TO whose owner differs from
//! FROM's (a re-created object starts with the role that creates it).

use super::privileges::target;
use crate::pg::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// What `ALTER <class> .. OWNER TO` names an object as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnedClass {
    Table,
    View,
    MaterializedView,
    Sequence,
    Function,
    Procedure,
    Aggregate,
    Schema,
    Type,
    Domain,
    ForeignDataWrapper,
    ForeignServer,
    Statistics,
    TsDictionary,
    TsConfiguration,
    EventTrigger,
    Subscription,
    Publication,
    Operator,
    OperatorClass,
    OperatorFamily,
    Conversion,
    Language,
}

fn owned_class(c: &Catalog, on: &ObjectId) -> OwnedClass {
    let q = QName::new(&on.schema, &on.name);
    match on.kind {
        Kind::View if c.views.get(&q).is_some_and(|v| v.materialized) => OwnedClass::MaterializedView,
        Kind::View => OwnedClass::View,
        Kind::Sequence => OwnedClass::Sequence,
        Kind::Function => match target(c, on) {
            GrantTarget::Procedure => OwnedClass::Procedure,
            GrantTarget::Function => OwnedClass::Function,
            // `target` names a function only as FUNCTION or PROCEDURE.
            GrantTarget::Table
            | GrantTarget::Sequence
            | GrantTarget::Aggregate
            | GrantTarget::Schema
            | GrantTarget::Type
            | GrantTarget::Column
            | GrantTarget::ForeignDataWrapper
            | GrantTarget::ForeignServer => OwnedClass::Function,
        },
        Kind::Aggregate => OwnedClass::Aggregate,
        Kind::Schema => OwnedClass::Schema,
        Kind::Enum | Kind::Composite => OwnedClass::Type,
        Kind::Domain => OwnedClass::Domain,
        Kind::ForeignDataWrapper => OwnedClass::ForeignDataWrapper,
        Kind::ForeignServer => OwnedClass::ForeignServer,
        Kind::Statistics => OwnedClass::Statistics,
        Kind::TsDictionary => OwnedClass::TsDictionary,
        Kind::TsConfiguration => OwnedClass::TsConfiguration,
        Kind::EventTrigger => OwnedClass::EventTrigger,
        Kind::Subscription => OwnedClass::Subscription,
        Kind::Publication => OwnedClass::Publication,
        Kind::Operator => OwnedClass::Operator,
        Kind::OperatorClass => OwnedClass::OperatorClass,
        Kind::OperatorFamily => OwnedClass::OperatorFamily,
        Kind::Conversion => OwnedClass::Conversion,
        Kind::Language => OwnedClass::Language,
        Kind::Extension
        | Kind::Collation
        | Kind::Range
        | Kind::Table
        | Kind::Column
        | Kind::Constraint
        | Kind::Index
        | Kind::Trigger
        | Kind::Policy
        | Kind::SequenceOwner
        | Kind::TableParent
        // Rules, casts (their function's), user mappings, transforms, access methods and text search parsers
        // and templates have none.
        | Kind::Rule
        | Kind::Cast
        | Kind::UserMapping
        // Roles own, and are owned by nobody.
        | Kind::Role
        | Kind::TsParser
        | Kind::TsTemplate
        | Kind::Transform
        | Kind::AccessMethod => OwnedClass::Table,
    }
}

/// `--with-owners`: `ALTER .. OWNER TO` for every object of TO whose owner differs from FROM's, and for
/// every object the plan creates or re-creates (its owner would otherwise be whoever runs the script).
pub fn owners(from: &Catalog, to: &Catalog, recreated: &BTreeSet<ObjectId>, out: &mut Vec<Change>) {
    let was: BTreeMap<&ObjectId, &str> = from.owners.iter().map(|o| (&o.on, o.role.as_str())).collect();
    for o in &to.owners {
        let same = !recreated.contains(&o.on) && was.get(&o.on) == Some(&o.role.as_str());
        // A sequence owned by a column follows its table's owner (PostgreSQL refuses to change it alone).
        let linked = o.on.kind == Kind::Sequence
            && to.sequences.get(&QName::new(&o.on.schema, &o.on.name)).is_some_and(|s| s.owned_by.is_some());
        if same || linked {
            continue;
        }
        let op = Op::Privilege(PrivilegeOp::AlterOwner {
            on: o.on.clone(),
            class: owned_class(to, &o.on),
            role: o.role.clone(),
        });
        let reason = format!("{} is owned by {}", o.on, o.role);
        out.push(Change::new(Action::Alter, o.on.clone(), op).with_hazard(Hazard::new(HazardKind::Authz, reason)));
    }
}
