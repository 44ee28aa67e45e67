//! Diff of domains: ALTER DOMAIN for defaults, NOT NULL and named CHECK constraints; a change of base type
//! or collation rebuilds the domain under its name and converts its columns (objects using it are replaced
//! around the rebuild). A domain used by something the rebuild cannot carry is reported, never skipped.

use super::list::{pairs, Pair};
use super::{comment, Action, Change, CommentTarget, DomainAction, Op, UnmodelledDiff};
use crate::hazard::{Hazard, HazardKind};
use crate::model::*;

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
            Pair::Both(a, b) => alter(from, to, a, b, out, unsupported),
        }
    }
}

fn alter(
    from: &Catalog,
    to: &Catalog,
    a: &Domain,
    b: &Domain,
    out: &mut Vec<Change>,
    unsupported: &mut Vec<UnmodelledDiff>,
) {
    let id = ObjectId::of(Kind::Domain, &b.name);
    if a.base != b.base || a.collation != b.collation {
        let what = "domain base type or collation";
        let target = CommentTarget::Domain(b.name.clone());
        super::rebuild::push_or_report(rebuild(from, to, a, b), what, &b.name, target, &b.comment, out, unsupported);
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

/// The rebuild of a domain whose base type or collation changes, or the first object using it that the
/// rebuild cannot carry (another domain or a composite type over it, a policy, an aggregate...).
fn rebuild(from: &Catalog, to: &Catalog, a: &Domain, b: &Domain) -> Result<Change, String> {
    let id = ObjectId::of(Kind::Domain, &b.name);
    let columns = super::rebuild::columns_using(from, to, &id)?;
    let hazards: Vec<_> = columns
        .iter()
        .filter(|_| a.base != b.base)
        .flat_map(|c| crate::diff::types::type_change_hazards(&c.table, &c.column, &a.base, &b.base))
        .collect();
    let covers = super::rebuild::covers(&columns);
    let mut change = Change::new(Action::Alter, id, Op::RebuildDomain { target: b.clone(), columns }).covering(covers);
    change.hazards.extend(hazards);
    Ok(change)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dom(name: &str, base: &str) -> Domain {
        Domain {
            name: QName::new("public", name),
            base: base.into(),
            collation: None,
            default: None,
            not_null: false,
            constraints: vec![],
            comment: None,
        }
    }

    #[test]
    fn a_base_type_change_rebuilds_unless_another_domain_is_built_on_it() {
        let mut from = Catalog::empty();
        from.domains.insert(QName::new("public", "code"), dom("code", "character varying(10)"));
        let mut to = Catalog::empty();
        to.domains.insert(QName::new("public", "code"), dom("code", "text"));
        let (mut out, mut unsupported) = (Vec::new(), Vec::new());
        domains(&from, &to, &mut out, &mut unsupported);
        assert!(unsupported.is_empty());
        assert!(matches!(&out[..], [c] if matches!(c.op, Op::RebuildDomain { .. })));

        let over = (
            ObjectId::of(Kind::Domain, &QName::new("public", "short_code")),
            ObjectId::of(Kind::Domain, &QName::new("public", "code")),
        );
        from.depends.insert(over);
        let (mut out, mut unsupported) = (Vec::new(), Vec::new());
        domains(&from, &to, &mut out, &mut unsupported);
        assert!(out.is_empty());
        assert_eq!(unsupported.len(), 1);
        assert!(unsupported[0].kind.contains("used by domain public.short_code"), "{}", unsupported[0].kind);
    }
}
