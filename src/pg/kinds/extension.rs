//! Extensions: created in their schema at their version, updated, moved, dropped.

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to an extension.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ExtensionOp {
    Create(Extension),
    Drop(String),
    Update { name: String, version: String },
    SetSchema { name: String, schema: String },
}

pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.extensions, &to.extensions) {
        match p {
            Pair::Added(e) => {
                let id = ObjectId::extension(&e.name);
                out.push(Change::new(Action::Create, id.clone(), Op::Extension(ExtensionOp::Create(e.clone()))));
                // The extension's own comment comes with CREATE EXTENSION; only a different one is set.
            }
            Pair::Removed(e) => out.push(
                Change::new(
                    Action::Drop,
                    ObjectId::extension(&e.name),
                    Op::Extension(ExtensionOp::Drop(e.name.clone())),
                )
                .with_hazard(Hazard::deletes(format!("drops extension {} and any data it holds", e.name))),
            ),
            Pair::Both(a, b) if a.schema != b.schema && a.fixed_schema => {
                // Not relocatable: dropped and created in its new schema; what uses it is dropped and
                // re-created around it (forced replacements), columns of its types go with it.
                let id = ObjectId::extension(&b.name);
                let why = format!(
                    "extension {} cannot move from schema {} to {} in place: it is dropped (with every column of its \
                     types and the data they hold) and created again",
                    b.name, a.schema, b.schema
                );
                out.push(
                    Change::new(Action::Drop, id.clone(), Op::Extension(ExtensionOp::Drop(a.name.clone())))
                        .with_hazard(Hazard::deletes(why)),
                );
                out.push(Change::new(Action::Create, id, Op::Extension(ExtensionOp::Create(b.clone()))));
            }
            Pair::Both(a, b) => {
                let id = ObjectId::extension(&b.name);
                if a.schema != b.schema {
                    let op = Op::Extension(ExtensionOp::SetSchema { name: b.name.clone(), schema: b.schema.clone() });
                    out.push(Change::new(Action::Alter, id.clone(), op).needing([ObjectId::schema(&b.schema)]));
                }
                if a.version != b.version {
                    let op = Op::Extension(ExtensionOp::Update { name: b.name.clone(), version: b.version.clone() });
                    let why = format!(
                        "upgrades extension {} from {} to {}: its upgrade script runs",
                        b.name, a.version, b.version
                    );
                    out.push(
                        Change::new(Action::Alter, id.clone(), op)
                            .with_hazard(Hazard::new(HazardKind::ExtensionUpgrade, why)),
                    );
                }
                comment(out, id, CommentTarget::Extension(b.name.clone()), Some(&a.comment), &b.comment);
            }
        }
    }
}

/// Rows of `sql/pg/extension.sql` into the catalog (OIDs recorded in the inspector's map only).
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, .. } = d;
    for r in rows {
        let r = &r;
        let name: String = get(r, "name")?;
        oids.extensions.insert(get(r, "oid")?, ObjectId::extension(&name));
        let ext = Extension {
            name: name.clone(),
            schema: get(r, "schema")?,
            version: get(r, "version")?,
            comment: get(r, "comment")?,
            fixed_schema: !get::<bool>(r, "relocatable")?,
        };
        cat.extensions.insert(name, ext);
    }
    Ok(())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &ExtensionOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        ExtensionOp::Create(e) => one(format!(
            "CREATE EXTENSION {} WITH SCHEMA {} VERSION {};",
            Ident(&e.name),
            Ident(&e.schema),
            Literal(&e.version)
        )),
        ExtensionOp::Drop(e) => one(format!("DROP EXTENSION {};", Ident(e))),
        ExtensionOp::Update { name, version } => {
            one(format!("ALTER EXTENSION {} UPDATE TO {};", Ident(name), Literal(version)))
        }
        ExtensionOp::SetSchema { name, schema } => {
            one(format!("ALTER EXTENSION {} SET SCHEMA {};", Ident(name), Ident(schema)))
        }
    }
}
