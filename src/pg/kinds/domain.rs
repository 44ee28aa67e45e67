//! Diff of domains: ALTER DOMAIN for defaults, NOT NULL and named CHECK constraints; a change of base type
//! or collation rebuilds the domain under its name and converts its columns (objects using it are replaced
//! around the rebuild). A domain used by something the rebuild cannot carry is reported, never skipped.

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use crate::pg::rebuild::{old_name, retype_columns};
use postgres::Row;

/// What pgdrift does to a domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum DomainOp {
    Create(Domain),
    Drop(QName),
    /// One `ALTER DOMAIN` subcommand (SET/DROP DEFAULT, SET/DROP NOT NULL, ADD/DROP/VALIDATE CONSTRAINT).
    Alter {
        name: QName,
        action: DomainAction,
    },
    /// A domain whose base type or collation changes: renamed away, created anew, every column converted
    /// through the new base type, the old one dropped.
    Rebuild {
        target: Domain,
        columns: Vec<RetypedColumn>,
    },
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out, unsupported) = (cx.from, cx.to, &mut cx.out, &mut cx.unsupported);
    for p in pairs(&from.domains, &to.domains) {
        match p {
            Pair::Added(d) => {
                let id = ObjectId::of(Kind::Domain, &d.name);
                out.push(Change::new(Action::Create, id.clone(), Op::Domain(DomainOp::Create(d.clone()))));
                comment(out, id, CommentTarget::Domain(d.name.clone()), None, &d.comment);
            }
            Pair::Removed(d) => out.push(Change::new(
                Action::Drop,
                ObjectId::of(Kind::Domain, &d.name),
                Op::Domain(DomainOp::Drop(d.name.clone())),
            )),
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
        crate::pg::rebuild::push_or_report(
            rebuild(from, to, a, b),
            what,
            &b.name,
            target,
            &b.comment,
            out,
            unsupported,
        );
        return;
    }
    let mut push = |action: DomainAction, hazard: Option<Hazard>| {
        let mut c =
            Change::new(Action::Alter, id.clone(), Op::Domain(DomainOp::Alter { name: b.name.clone(), action }));
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
    let columns = crate::pg::rebuild::columns_using(from, to, &id)?;
    let hazards: Vec<_> = columns
        .iter()
        .filter(|_| a.base != b.base)
        .flat_map(|c| crate::pg::types::type_change_hazards(&c.table, &c.column, &a.base, &b.base))
        .collect();
    let covers = crate::pg::rebuild::covers(&columns);
    let mut change =
        Change::new(Action::Alter, id, Op::Domain(DomainOp::Rebuild { target: b.clone(), columns })).covering(covers);
    change.hazards.extend(hazards);
    Ok(change)
}

/// Rows of `sql/pg/domain.sql` into the catalog (OIDs recorded in the inspector's map only).
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let id = ObjectId::of(Kind::Domain, &name);
        oids.types.insert(get(r, "oid")?, id.clone());
        oids.types.insert(get(r, "array_oid")?, id.clone());
        for con in get::<Vec<u32>>(r, "constraint_oids")? {
            oids.constraints.insert(con, id.clone());
        }
        let names: Vec<String> = get(r, "constraint_names")?;
        let defs: Vec<String> = get(r, "constraint_defs")?;
        let valid: Vec<bool> = get(r, "constraint_valid")?;
        let constraints = names
            .into_iter()
            .zip(defs)
            .zip(valid)
            .map(|((name, def), validated)| DomainConstraint {
                name,
                definition: def.strip_suffix(" NOT VALID").unwrap_or(&def).to_string(),
                validated,
            })
            .collect();
        let d = Domain {
            name: name.clone(),
            base: get(r, "base")?,
            collation: get(r, "collation")?,
            default: get(r, "default_expr")?,
            not_null: get(r, "not_null")?,
            constraints,
            comment: get(r, "comment")?,
        };
        cat.domains.insert(name, d);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &DomainOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        DomainOp::Rebuild { target, columns } => rebuild_domain(target, columns),
        DomainOp::Create(d) => create_domain(d),
        DomainOp::Drop(q) => one(format!("DROP DOMAIN {};", q.sql())),
        DomainOp::Alter { name, action } => {
            let what = match action {
                DomainAction::SetDefault(d) => format!("SET DEFAULT {d}"),
                DomainAction::DropDefault => "DROP DEFAULT".into(),
                DomainAction::SetNotNull => "SET NOT NULL".into(),
                DomainAction::DropNotNull => "DROP NOT NULL".into(),
                DomainAction::AddConstraint(c) => format!(
                    "ADD CONSTRAINT {} {}{}",
                    Ident(&c.name),
                    c.definition,
                    if c.validated { "" } else { " NOT VALID" }
                ),
                DomainAction::DropConstraint(n) => format!("DROP CONSTRAINT {}", Ident(n)),
                DomainAction::ValidateConstraint(n) => format!("VALIDATE CONSTRAINT {}", Ident(n)),
            };
            one(format!("ALTER DOMAIN {} {what};", name.sql()))
        }
    }
}
fn create_domain(d: &Domain) -> Vec<String> {
    let mut s = format!("CREATE DOMAIN {} AS {}", d.name.sql(), d.base);
    if let Some(c) = &d.collation {
        s.push_str(&format!(" COLLATE {c}"));
    }
    if let Some(x) = &d.default {
        s.push_str(&format!(" DEFAULT {x}"));
    }
    if d.not_null {
        s.push_str(" NOT NULL");
    }
    for c in d.constraints.iter().filter(|c| c.validated) {
        s.push_str(&format!(" CONSTRAINT {} {}", Ident(&c.name), c.definition));
    }
    let mut v = vec![format!("{s};")];
    // CREATE DOMAIN has no NOT VALID: unvalidated checks are added afterwards.
    for c in d.constraints.iter().filter(|c| !c.validated) {
        let (name, def) = (Ident(&c.name), &c.definition);
        v.push(format!("ALTER DOMAIN {} ADD CONSTRAINT {name} {def} NOT VALID;", d.name.sql()));
    }
    v
}

/// ALTER DOMAIN cannot change the base type: the old domain is renamed away, the new one created under the
/// name, each column converted through the new base type (checks of the new domain run on every row).
fn rebuild_domain(target: &Domain, columns: &[crate::pg::RetypedColumn]) -> Vec<String> {
    let q = &target.name;
    let old = QName::new(&q.schema, old_name(&q.name));
    let mut out = vec![format!("ALTER DOMAIN {} RENAME TO {};", q.sql(), Ident(&old.name))];
    out.extend(create_domain(target));
    retype_columns(&mut out, columns, |c, col| {
        let arr = if c.is_array { "[]" } else { "" };
        let (base, ty) = (&target.base, q.sql());
        format!("{ty}{arr} USING {col}::{base}{arr}::{ty}{arr}")
    });
    out.push(format!("DROP DOMAIN {};", old.sql()));
    out
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
        let none = Default::default();
        let mut cx = Diffing::new(&from, &to, &none);
        diff(&mut cx);
        assert!(cx.unsupported.is_empty());
        assert!(matches!(&cx.out[..], [c] if matches!(c.op, Op::Domain(DomainOp::Rebuild { .. }))));

        let over = (
            ObjectId::of(Kind::Domain, &QName::new("public", "short_code")),
            ObjectId::of(Kind::Domain, &QName::new("public", "code")),
        );
        from.depends.insert(over);
        let mut cx = Diffing::new(&from, &to, &none);
        diff(&mut cx);
        assert!(cx.out.is_empty());
        assert_eq!(cx.unsupported.len(), 1);
        let kind = &cx.unsupported[0].kind;
        assert!(kind.contains("used by domain public.short_code"), "{kind}");
    }
}
