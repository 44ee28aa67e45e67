//! Diff of domains: ALTER DOMAIN for defaults, NOT NULL and named CHECK constraints. A change of base type
//! or collation is not expressible in place and is reported as not supported yet (never silently skipped).

use super::list::{pairs, Pair};
use super::{comment, Action, Change, CommentTarget, DomainAction, Op, UnmodelledDiff};
use crate::model::*;
use crate::plan::hazard::{Hazard, HazardKind};

pub(super) fn domains(from: &Catalog, to: &Catalog, out: &mut Vec<Change>, unsupported: &mut Vec<UnmodelledDiff>) {
    for p in pairs(&from.domains, &to.domains) {
        match p {
            Pair::Added(d) => {
                let id = ObjectId::of(Kind::Domain, &d.name);
                out.push(Change::new(Action::Create, id.clone(), Op::CreateDomain(d.clone())));
                comment(out, id, CommentTarget::Domain(d.name.clone()), None, &d.comment);
            }
            Pair::Removed(d) => {
                out.push(Change::new(Action::Drop, ObjectId::of(Kind::Domain, &d.name), Op::DropDomain(d.name.clone())))
            }
            Pair::Both(a, b) => alter(a, b, out, unsupported),
        }
    }
}

fn alter(a: &Domain, b: &Domain, out: &mut Vec<Change>, unsupported: &mut Vec<UnmodelledDiff>) {
    let id = ObjectId::of(Kind::Domain, &b.name);
    if a.base != b.base || a.collation != b.collation {
        unsupported.push(UnmodelledDiff {
            kind: "domain base type or collation".into(),
            schema: b.name.schema.clone(),
            name: b.name.name.clone(),
            state: "differs",
        });
        return;
    }
    let mut push = |action: DomainAction, hazard: Option<Hazard>| {
        let mut c = Change::new(Action::Alter, id.clone(), Op::AlterDomain { name: b.name.clone(), action });
        c.hazards.extend(hazard);
        out.push(c);
    };
    for old in &a.constraints {
        match b.constraints.iter().find(|c| c.name == old.name) {
            Some(new) if new.definition == old.definition && (new.validated || !old.validated) => {}
            _ => push(DomainAction::DropConstraint(old.name.clone()), None),
        }
    }
    if a.default != b.default {
        match &b.default {
            Some(d) => push(DomainAction::SetDefault(d.clone()), None),
            None => push(DomainAction::DropDefault, None),
        }
    }
    if a.not_null != b.not_null {
        if b.not_null {
            let h = Hazard::new(
                HazardKind::MayFail,
                format!("sets NOT NULL on domain {}: fails if a value is NULL", b.name),
            );
            push(DomainAction::SetNotNull, Some(h));
        } else {
            push(DomainAction::DropNotNull, None);
        }
    }
    for new in &b.constraints {
        match a.constraints.iter().find(|c| c.name == new.name) {
            Some(old) if old.definition == new.definition && (new.validated || !old.validated) => {
                if !old.validated && new.validated {
                    push(DomainAction::ValidateConstraint(new.name.clone()), None);
                }
            }
            _ => {
                let h = new.validated.then(|| {
                    Hazard::new(
                        HazardKind::MayFail,
                        format!("adds check {} to domain {}: fails if a value violates it", new.name, b.name),
                    )
                });
                push(DomainAction::AddConstraint(new.clone()), h);
            }
        }
    }
    comment(out, id, CommentTarget::Domain(b.name.clone()), Some(&a.comment), &b.comment);
}
