//! Forced replacements: an index, constraint, view, trigger, rule, statistics object, event trigger, policy or
//! function that depends on something being
//! dropped or rebuilt must itself be dropped first and recreated after (e.g. a foreign key on a replaced
//! primary key, a partial index whose predicate names a rebuilt enum, a function taking a rebuilt domain).

use super::kinds::column::recompute_generated;
use super::kinds::constraint::{add_constraint, drop_constraint};
use super::kinds::function::{create_function, drop_function};
use super::kinds::index::{create_index, drop_index};
use super::kinds::trigger::{create_trigger, drop_trigger};
use super::kinds::view::{create_view, drop_view};
use super::kinds::{cast, event_trigger, policy, rule, statistics, text_search_configuration};
use crate::pg::prelude::*;
use std::collections::{HashMap, HashSet};

pub(crate) fn forced_replacements(from: &Catalog, to: &Catalog, out: &mut Vec<Change>) {
    let mut dependents: HashMap<&ObjectId, Vec<&ObjectId>> = HashMap::new();
    for (dep, refd) in &from.depends {
        dependents.entry(refd).or_default().push(dep);
    }
    let mut replaced: HashSet<ObjectId> = HashSet::new();
    // (object, whether only views depending on it must be recreated)
    let mut work: Vec<(ObjectId, bool)> = Vec::new();
    for c in out.iter() {
        if c.action == Action::Drop {
            replaced.extend(c.objects().cloned());
            work.extend(c.objects().cloned().map(|o| (o, false)));
        } else if c.op.is_rebuild() {
            work.push((c.id.clone(), false));
        } else if matches!(c.op, Op::Column(ColumnOp::AlterType { .. })) {
            // Postgres rebuilds indexes and constraints itself on ALTER COLUMN .. TYPE, but refuses while
            // a view uses the column.
            work.push((c.id.clone(), true));
        }
    }
    let mut extra = Vec::new();
    while let Some((seed, views_only)) = work.pop() {
        let Some(deps) = dependents.get(&seed) else {
            continue;
        };
        for q in deps {
            let kind_ok = if views_only {
                matches!(q.kind, Kind::View | Kind::Trigger | Kind::Policy | Kind::Column | Kind::Rule)
            } else {
                matches!(
                    q.kind,
                    Kind::Index
                        | Kind::Constraint
                        | Kind::View
                        | Kind::Trigger
                        | Kind::Function
                        | Kind::Policy
                        | Kind::Column
                        | Kind::Rule
                        | Kind::Statistics
                        | Kind::EventTrigger
                        | Kind::Cast
                        | Kind::TsConfiguration
                        | Kind::UserMapping
                )
            };
            if !kind_ok || replaced.contains(*q) || !to.contains(q) {
                continue;
            }
            let name = QName::new(&q.schema, &q.name);
            match q.kind {
                Kind::Trigger => {
                    let key = (name.clone(), q.sub.to_string());
                    let (Some(a), Some(b)) = (from.triggers.get(&key), to.triggers.get(&key)) else {
                        continue;
                    };
                    extra.push(drop_trigger(a));
                    create_trigger(&mut extra, b);
                }
                Kind::Function => {
                    let key = (name.clone(), q.sub.to_string());
                    let (Some(a), Some(b)) = (from.functions.get(&key), to.functions.get(&key)) else {
                        continue;
                    };
                    extra.push(drop_function(a));
                    create_function(&mut extra, b);
                    // The re-creation carries TO's definition: an in-place replacement would repeat it.
                    out.retain(|c| {
                        !(c.id == **q
                            && c.action == Action::Alter
                            && matches!(c.op, Op::Function(FunctionOp::Create(_))))
                    });
                }
                // A stored generated column using a column whose type changes (or a dropped function).
                Kind::Column => {
                    let col = |c: &Catalog| c.tables.get(&name).and_then(|t| t.column(&q.sub)).cloned();
                    let (Some(a), Some(b)) = (col(from), col(to)) else {
                        continue;
                    };
                    if a.generated.is_none() || b.generated.is_none() {
                        continue;
                    }
                    // Its own changes are carried by the re-creation.
                    out.retain(|c| !(c.id == **q && c.action != Action::Drop));
                    recompute_generated(&mut extra, &name, &b);
                }
                Kind::Policy => {
                    let key = (name.clone(), q.sub.to_string());
                    let (Some(a), Some(b)) = (from.policies.get(&key), to.policies.get(&key)) else {
                        continue;
                    };
                    extra.push(policy::drop(a));
                    policy::create(&mut extra, b);
                    // The re-creation carries TO's definition: an ALTER POLICY would repeat it.
                    out.retain(|c| !(c.id == **q && matches!(c.op, Op::Policy(PolicyOp::Alter(_)))));
                }
                Kind::View => {
                    let (Some(a), Some(b)) = (from.views.get(&name), to.views.get(&name)) else {
                        continue;
                    };
                    extra.push(drop_view(a));
                    create_view(&mut extra, b);
                }
                Kind::Rule => {
                    let key = (name.clone(), q.sub.to_string());
                    let (Some(a), Some(b)) = (from.rules.get(&key), to.rules.get(&key)) else {
                        continue;
                    };
                    extra.push(rule::drop(a));
                    rule::create(&mut extra, b);
                }
                Kind::Statistics => {
                    let (Some(a), Some(b)) = (from.statistics.get(&name), to.statistics.get(&name)) else {
                        continue;
                    };
                    extra.push(statistics::drop(a));
                    statistics::create(&mut extra, b);
                }
                Kind::EventTrigger => {
                    let (Some(a), Some(b)) =
                        (from.event_triggers.get(q.name.as_str()), to.event_triggers.get(q.name.as_str()))
                    else {
                        continue;
                    };
                    extra.push(event_trigger::drop(a));
                    event_trigger::create(&mut extra, b);
                }
                Kind::TsConfiguration => {
                    let (Some(a), Some(b)) = (from.ts_configurations.get(&name), to.ts_configurations.get(&name))
                    else {
                        continue;
                    };
                    extra.push(text_search_configuration::drop(a));
                    text_search_configuration::create(&mut extra, b);
                    // The re-creation carries TO's mappings: changing them in place would repeat them.
                    out.retain(|c| {
                        !(c.id == **q && c.action == Action::Alter && matches!(c.op, Op::TsConfiguration(_)))
                    });
                }
                Kind::UserMapping => {
                    let (Some(a), Some(b)) =
                        (from.user_mappings.get(q.name.as_str()), to.user_mappings.get(q.name.as_str()))
                    else {
                        continue;
                    };
                    let op = UserMappingOp::Drop { user: a.user.clone(), server: a.server.clone() };
                    extra.push(Change::new(Action::Drop, (*q).clone(), Op::UserMapping(op)));
                    extra.push(Change::new(
                        Action::Create,
                        (*q).clone(),
                        Op::UserMapping(UserMappingOp::Create(b.clone())),
                    ));
                    out.retain(|c| !(c.id == **q && c.action == Action::Alter));
                }
                // Nothing depends on these but what is admitted above.
                Kind::TsDictionary
                | Kind::ForeignDataWrapper
                | Kind::ForeignServer
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
                | Kind::OperatorClass => continue,
                Kind::Cast => {
                    let (Some(a), Some(b)) = (from.casts.get(q.name.as_str()), to.casts.get(q.name.as_str())) else {
                        continue;
                    };
                    extra.push(cast::drop(a));
                    cast::create(&mut extra, b);
                }
                Kind::Index => {
                    let (Some(a), Some(b)) = (from.indexes.get(&name), to.indexes.get(&name)) else {
                        continue;
                    };
                    extra.push(drop_index(a));
                    create_index(&mut extra, b, from.has_relation(&b.table));
                }
                // Not among the kinds admitted above.
                Kind::Schema
                | Kind::Extension
                | Kind::Collation
                | Kind::Enum
                | Kind::Domain
                | Kind::Composite
                | Kind::Range
                | Kind::Sequence
                | Kind::Aggregate
                | Kind::Table
                | Kind::SequenceOwner
                | Kind::TableParent
                | Kind::Publication => continue,
                Kind::Constraint => {
                    let Some(c) = to.tables.get(&name).and_then(|t| t.constraints.get(q.sub.as_str())) else {
                        continue;
                    };
                    extra.push(drop_constraint(&name, &q.sub));
                    add_constraint(&mut extra, &name, c, true);
                }
            }
            replaced.insert((*q).clone());
            work.push(((*q).clone(), false));
        }
    }
    // Comments of the replaced objects are re-created with them; drop the now redundant comment changes.
    out.extend(extra);
}
