//! Diff of composite types: `ALTER TYPE .. ADD / DROP / ALTER ATTRIBUTE` when the attribute order allows it
//! (new attributes go last); any other order rebuilds the type under its name, converting its columns
//! attribute by attribute (reported instead when something the rebuild cannot carry uses the type).

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use crate::pg::rebuild::{old_name, retype_columns};
use postgres::Row;

/// What pgdrift does to a composite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum CompositeOp {
    Create(CompositeType),
    Drop(QName),
    Alter {
        name: QName,
        action: AttributeAction,
    },
    /// A composite type whose attributes cannot be reached by ADD/DROP/ALTER ATTRIBUTE (a new order):
    /// renamed away, created anew, every column's values rebuilt attribute by attribute, the old dropped.
    Rebuild {
        target: CompositeType,
        /// Attributes of the new type that the old one had (their values are kept).
        kept: Vec<String>,
        columns: Vec<RetypedColumn>,
    },
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out, unsupported) = (cx.from, cx.to, &mut cx.out, &mut cx.unsupported);
    for p in pairs(&from.composites, &to.composites) {
        match p {
            Pair::Added(t) => {
                let id = ObjectId::of(Kind::Composite, &t.name);
                out.push(Change::new(Action::Create, id.clone(), Op::Composite(CompositeOp::Create(t.clone()))));
                comment(out, id, CommentTarget::Type(t.name.clone()), None, &t.comment);
            }
            Pair::Removed(t) => {
                let op = Op::Composite(CompositeOp::Drop(t.name.clone()));
                out.push(Change::new(Action::Drop, ObjectId::of(Kind::Composite, &t.name), op));
            }
            Pair::Both(a, b) => alter(from, to, a, b, out, unsupported),
        }
    }
}

fn alter(
    from: &Catalog,
    to: &Catalog,
    a: &CompositeType,
    b: &CompositeType,
    out: &mut Vec<Change>,
    unsupported: &mut Vec<UnmodelledDiff>,
) {
    let id = ObjectId::of(Kind::Composite, &b.name);
    let kept: Vec<&str> =
        a.attributes.iter().map(|x| x.name.as_str()).filter(|n| b.attributes.iter().any(|y| y.name == *n)).collect();
    let added: Vec<&Attribute> =
        b.attributes.iter().filter(|y| !a.attributes.iter().any(|x| x.name == y.name)).collect();
    let expected: Vec<&str> = kept.iter().copied().chain(added.iter().map(|x| x.name.as_str())).collect();
    let target: Vec<&str> = b.attributes.iter().map(|x| x.name.as_str()).collect();
    if expected != target {
        let what = "composite type attribute order";
        let target = CommentTarget::Type(b.name.clone());
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
    let mut push = |action: AttributeAction, hazard: Option<Hazard>| {
        let mut c =
            Change::new(Action::Alter, id.clone(), Op::Composite(CompositeOp::Alter { name: b.name.clone(), action }));
        c.hazards.extend(hazard);
        out.push(c);
    };
    for x in &a.attributes {
        match b.attributes.iter().find(|y| y.name == x.name) {
            None => push(
                AttributeAction::Drop(x.name.clone()),
                Some(Hazard::deletes(format!("drops attribute {} of type {}: stored values lose it", x.name, b.name))),
            ),
            Some(y) if y.data_type != x.data_type || y.collation != x.collation => push(
                AttributeAction::AlterType(y.clone()),
                Some(Hazard::new(
                    HazardKind::MayFail,
                    format!("changes attribute {} of type {} to {}", y.name, b.name, y.data_type),
                )),
            ),
            Some(_) => {}
        }
    }
    for y in added {
        push(AttributeAction::Add(y.clone()), None);
    }
    comment(out, id, CommentTarget::Type(b.name.clone()), Some(&a.comment), &b.comment);
}

fn rebuild(from: &Catalog, to: &Catalog, a: &CompositeType, b: &CompositeType) -> Result<Change, String> {
    let id = ObjectId::of(Kind::Composite, &b.name);
    let columns = crate::pg::rebuild::columns_using(from, to, &id)?;
    if let Some(c) = columns.iter().find(|c| c.is_array) {
        return Err(format!("array column {}.{}", c.table, c.column));
    }
    let kept: Vec<String> =
        b.attributes.iter().filter(|y| a.attributes.iter().any(|x| x.name == y.name)).map(|y| y.name.clone()).collect();
    let mut hazards = Vec::new();
    let dropped: Vec<&str> = a.attributes.iter().filter(|x| !kept.contains(&x.name)).map(|x| x.name.as_str()).collect();
    if !dropped.is_empty() && !columns.is_empty() {
        let why =
            format!("rebuilds type {} without attribute(s) {}: stored values lose them", b.name, dropped.join(", "));
        hazards.push(Hazard::deletes(why));
    }
    if a.attributes.iter().any(|x| b.attributes.iter().any(|y| y.name == x.name && y.data_type != x.data_type))
        && !columns.is_empty()
    {
        let why = format!("rebuilds type {} with attributes of other types: the values' casts may fail", b.name);
        hazards.push(Hazard::new(HazardKind::MayFail, why));
    }
    let covers = crate::pg::rebuild::covers(&columns);
    let op = Op::Composite(CompositeOp::Rebuild { target: b.clone(), kept, columns });
    let mut change = Change::new(Action::Alter, id, op).covering(covers);
    change.hazards.extend(hazards);
    Ok(change)
}

/// Rows of `sql/pg/composite.sql` into the catalog (OIDs recorded in the inspector's map only).
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let id = ObjectId::of(Kind::Composite, &name);
        oids.types.insert(get(r, "oid")?, id.clone());
        oids.types.insert(get(r, "array_oid")?, id.clone());
        oids.classes.insert(get(r, "class_oid")?, id);
        let names: Vec<String> = get(r, "attribute_names")?;
        let types: Vec<String> = get(r, "attribute_types")?;
        let collations: Vec<String> = get(r, "attribute_collations")?;
        let attributes = names
            .into_iter()
            .zip(types)
            .zip(collations)
            .map(|((name, data_type), c)| Attribute { name, data_type, collation: (!c.is_empty()).then_some(c) })
            .collect();
        cat.composites.insert(name.clone(), CompositeType { name, attributes, comment: get(r, "comment")? });
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &CompositeOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        CompositeOp::Rebuild { target, kept, columns } => rebuild_composite(target, kept, columns),
        CompositeOp::Create(t) => {
            let attrs: Vec<String> = t.attributes.iter().map(attribute).collect();
            one(format!("CREATE TYPE {} AS ({});", t.name.sql(), attrs.join(", ")))
        }
        CompositeOp::Drop(q) => one(format!("DROP TYPE {};", q.sql())),
        CompositeOp::Alter { name, action } => {
            let what = match action {
                AttributeAction::Add(a) => format!("ADD ATTRIBUTE {}", attribute(a)),
                AttributeAction::Drop(n) => format!("DROP ATTRIBUTE {}", Ident(n)),
                AttributeAction::AlterType(a) => {
                    let coll = a.collation.as_ref().map(|c| format!(" COLLATE {c}")).unwrap_or_default();
                    format!("ALTER ATTRIBUTE {} TYPE {}{coll}", Ident(&a.name), a.data_type)
                }
            };
            one(format!("ALTER TYPE {} {what};", name.sql()))
        }
    }
}
/// A composite type in a new attribute order: each value is rebuilt with ROW() from the attributes the new
/// type keeps (new ones NULL); a NULL value stays NULL (num_nulls sees the value, not its fields).
fn rebuild_composite(target: &CompositeType, kept: &[String], columns: &[crate::pg::RetypedColumn]) -> Vec<String> {
    let q = &target.name;
    let old = QName::new(&q.schema, old_name(&q.name));
    let attrs: Vec<String> = target.attributes.iter().map(attribute).collect();
    let mut out = vec![
        format!("ALTER TYPE {} RENAME TO {};", q.sql(), Ident(&old.name)),
        format!("CREATE TYPE {} AS ({});", q.sql(), attrs.join(", ")),
    ];
    retype_columns(&mut out, columns, |_, col| {
        let fields: Vec<String> = target
            .attributes
            .iter()
            .map(|a| {
                if kept.contains(&a.name) {
                    format!("({col}).{}", Ident(&a.name))
                } else {
                    format!("NULL::{}", a.data_type)
                }
            })
            .collect();
        let ty = q.sql();
        format!("{ty} USING CASE WHEN num_nulls({col}) = 1 THEN NULL ELSE ROW({})::{ty} END", fields.join(", "))
    });
    out.push(format!("DROP TYPE {};", old.sql()));
    out
}

fn attribute(a: &Attribute) -> String {
    let coll = a.collation.as_ref().map(|c| format!(" COLLATE {c}")).unwrap_or_default();
    format!("{} {}{coll}", Ident(&a.name), a.data_type)
}
