//! Renames: declared (`--rename OLD=NEW`) or detected (a drop and a create of the same shape), planned as
//! `ALTER .. RENAME` so rows, grants, comments and dependents stay. FROM is re-expressed under the new
//! names (`apply.rs`), the ordinary diff then plans whatever else differs, and the rename steps run before
//! anything that names the new objects. Kinds: tables (foreign too), columns, indexes, constraints, views
//! and materialized views, sequences, enum values.

mod apply;
mod detect;
mod text;

pub use detect::Candidate;

use crate::model::{Catalog, Ident, Literal, ObjectId, QName, QuotedAsNeeded};
use crate::pg::prelude::*;

pub use crate::renames::{RenameMode, Renames};

/// One rename, resolved against FROM.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum RenameOp {
    Table { table: QName, to: String, foreign: bool },
    Column { table: QName, column: String, to: String },
    Index { index: QName, to: String },
    Constraint { table: QName, constraint: String, to: String },
    View { view: QName, to: String, materialized: bool },
    Sequence { sequence: QName, to: String },
    EnumValue { type_name: QName, value: String, to: String },
}

impl RenameOp {
    /// The object under its new name (the step's vertex: what needs the new name waits for it).
    pub fn new_id(&self) -> ObjectId {
        match self {
            RenameOp::Table { table, to, .. } => ObjectId::of(Kind::Table, &QName::new(&table.schema, to)),
            RenameOp::Column { table, to, .. } => ObjectId::column(table, to),
            RenameOp::Index { index, to } => ObjectId::of(Kind::Index, &QName::new(&index.schema, to)),
            RenameOp::Constraint { table, to, .. } => ObjectId::constraint(table, to),
            RenameOp::View { view, to, .. } => ObjectId::of(Kind::View, &QName::new(&view.schema, to)),
            RenameOp::Sequence { sequence, to } => ObjectId::of(Kind::Sequence, &QName::new(&sequence.schema, to)),
            RenameOp::EnumValue { type_name, .. } => ObjectId::of(Kind::Enum, type_name),
        }
    }

    /// `old -> new` as a user would write them on the command line (each part quoted as SQL needs).
    pub fn describe(&self) -> (String, String) {
        let path = |parts: &[&str]| parts.iter().map(|p| QuotedAsNeeded(p).to_string()).collect::<Vec<_>>().join(".");
        let (prefix, old, new): (Vec<&str>, &str, &str) = match self {
            RenameOp::Table { table, to, .. } => (vec![&table.schema], &table.name, to),
            RenameOp::Column { table, column, to } => (vec![&table.schema, &table.name], column, to),
            RenameOp::Index { index, to } => (vec![&index.schema], &index.name, to),
            RenameOp::Constraint { table, constraint, to } => (vec![&table.schema, &table.name], constraint, to),
            RenameOp::View { view, to, .. } => (vec![&view.schema], &view.name, to),
            RenameOp::Sequence { sequence, to } => (vec![&sequence.schema], &sequence.name, to),
            RenameOp::EnumValue { type_name, value, to } => (vec![&type_name.schema, &type_name.name], value, to),
        };
        let with = |last: &str| path(&prefix.iter().copied().chain([last]).collect::<Vec<_>>());
        (with(old), with(new))
    }
}

/// The SQL of one rename.
pub(crate) fn render(op: &RenameOp) -> Vec<String> {
    vec![match op {
        RenameOp::Table { table, to, foreign } => {
            format!("ALTER {}TABLE {} RENAME TO {};", if *foreign { "FOREIGN " } else { "" }, table.sql(), Ident(to))
        }
        RenameOp::Column { table, column, to } => {
            format!("ALTER TABLE {} RENAME COLUMN {} TO {};", table.sql(), Ident(column), Ident(to))
        }
        RenameOp::Index { index, to } => format!("ALTER INDEX {} RENAME TO {};", index.sql(), Ident(to)),
        RenameOp::Constraint { table, constraint, to } => {
            format!("ALTER TABLE {} RENAME CONSTRAINT {} TO {};", table.sql(), Ident(constraint), Ident(to))
        }
        RenameOp::View { view, to, materialized } => format!(
            "ALTER {}VIEW {} RENAME TO {};",
            if *materialized { "MATERIALIZED " } else { "" },
            view.sql(),
            Ident(to)
        ),
        RenameOp::Sequence { sequence, to } => format!("ALTER SEQUENCE {} RENAME TO {};", sequence.sql(), Ident(to)),
        RenameOp::EnumValue { type_name, value, to } => {
            format!("ALTER TYPE {} RENAME VALUE {} TO {};", type_name.sql(), Literal(value), Literal(to))
        }
    }]
}

/// Split `a.b.c` on dots outside double quotes, undoing the quotes.
fn parts(path: &str) -> Vec<String> {
    crate::model::split_quoted(path, '.')
}

/// Resolve one declared `OLD=NEW` against FROM: what `OLD` names there, and its new name (`NEW` may be
/// given whole, `schema.new`, or as the last part alone).
pub(crate) fn resolve(from: &Catalog, old: &str, new: &str) -> Result<RenameOp, String> {
    let o = parts(old);
    let n = parts(new);
    let to = n.last().cloned().filter(|s| !s.is_empty()).ok_or_else(|| format!("--rename {old}={new}: no new name"))?;
    if n.len() > 1 && n[..n.len() - 1] != o[..o.len().saturating_sub(1).min(n.len() - 1)] {
        return Err(format!("--rename {old}={new}: only the last part of a name can change (no SET SCHEMA or moves)"));
    }
    let mut found: Vec<RenameOp> = Vec::new();
    match o.as_slice() {
        [schema, name] => {
            let q = QName::new(schema, name);
            if let Some(t) = from.tables.get(&q) {
                found.push(RenameOp::Table { table: q.clone(), to: to.clone(), foreign: t.is_foreign() });
            }
            if let Some(v) = from.views.get(&q) {
                found.push(RenameOp::View { view: q.clone(), to: to.clone(), materialized: v.materialized });
            }
            if from.sequences.contains_key(&q) {
                found.push(RenameOp::Sequence { sequence: q.clone(), to: to.clone() });
            }
            if from.indexes.contains_key(&q) {
                found.push(RenameOp::Index { index: q.clone(), to: to.clone() });
            }
        }
        [schema, table, name] => {
            let q = QName::new(schema, table);
            if let Some(t) = from.tables.get(&q) {
                if t.column(name).is_some() {
                    found.push(RenameOp::Column { table: q.clone(), column: name.clone(), to: to.clone() });
                }
                if t.constraints.contains_key(name.as_str()) {
                    found.push(RenameOp::Constraint { table: q.clone(), constraint: name.clone(), to: to.clone() });
                }
            }
            if from.enums.get(&q).is_some_and(|e| e.labels.contains(name)) {
                found.push(RenameOp::EnumValue { type_name: q.clone(), value: name.clone(), to: to.clone() });
            }
        }
        _ => {
            return Err(format!(
                "--rename {old}={new}: name a table, view, sequence or index as schema.name, a column, constraint \
                 or enum value as schema.table.name"
            ))
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(format!(
            "--rename {old}={new}: FROM has no table, view, sequence, index, column, constraint or enum value {old}"
        )),
        _ => Err(format!("--rename {old}={new}: {old} names more than one object in FROM")),
    }
}

/// FROM as it is after the declared renames, and their steps: each is resolved against FROM as the ones
/// before it left it (`--rename s.orders=sales --rename s.sales.total=amount`). FROM is copied once.
pub fn apply_declared(from: &Catalog, declared: &[(String, String)]) -> Result<(Catalog, Vec<Change>), String> {
    let mut cat = from.clone();
    let mut steps: Vec<Change> = Vec::new();
    for (old, new) in declared {
        let r = resolve(&cat, old, new)?;
        apply(&mut cat, &r, &mut steps)?;
    }
    Ok((cat, steps))
}

/// Rename in `cat` (in place) and add the step, after the steps before it (each was resolved against what
/// they left, so they run in that order). A rename whose new name `cat` already holds is refused (the old
/// object would have to go first: declare that by dropping it).
pub fn apply(cat: &mut Catalog, r: &RenameOp, steps: &mut Vec<Change>) -> Result<(), String> {
    if cat.contains(&r.new_id()) && !matches!(r, RenameOp::EnumValue { .. }) {
        let (old, new) = r.describe();
        return Err(format!("--rename {old}={new}: FROM already has {new}"));
    }
    apply::rename(cat, r)?;
    let before: Vec<ObjectId> = steps.last().map(|s| s.id.clone()).into_iter().collect();
    steps.push(Change::new(Action::Alter, r.new_id(), Op::Rename(r.clone())).needing(before));
    Ok(())
}

/// Functions whose bodies name an old name (PostgreSQL does not rewrite them): a hazard on the step.
pub(crate) fn body_hazards(from: &Catalog, steps: &mut [Change]) {
    for step in steps {
        let Op::Rename(r) = &step.op else { continue };
        let old = match r {
            RenameOp::Table { table, .. } => table.name.clone(),
            RenameOp::Column { column, .. } => column.clone(),
            RenameOp::Index { index, .. } => index.name.clone(),
            RenameOp::Constraint { constraint, .. } => constraint.clone(),
            RenameOp::View { view, .. } => view.name.clone(),
            RenameOp::Sequence { sequence, .. } => sequence.name.clone(),
            RenameOp::EnumValue { value, .. } => value.clone(),
        };
        let naming: Vec<String> = from
            .functions
            .values()
            .filter(|f| text::mentions(&f.definition, &old))
            .map(|f| format!("{}({})", f.name, f.identity_args))
            .collect();
        if !naming.is_empty() {
            let why =
                format!("function bodies still name {old} (PostgreSQL does not rewrite them): {}", naming.join(", "));
            step.hazards.push(Hazard::new(HazardKind::UntrackedDependencies, why));
        }
    }
}

pub use detect::candidates;
