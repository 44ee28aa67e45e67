//! Online mode: the same plan rewritten for a busy database. Index builds and drops on existing tables run
//! `CONCURRENTLY` outside the transaction (each build verified valid), a changed index is replaced by
//! build-new / drop-old / rename, foreign keys and checks are added `NOT VALID` and validated after COMMIT,
//! and `SET NOT NULL` goes through a validated check constraint. A step is moved out of the transaction
//! only when no transactional step needs it.

use super::{Plan, Step};
use crate::model::{Catalog, Constraint, ConstraintKind, Ident, Index, Kind, ObjectId, QName};
use crate::pg::kinds::{ColumnOp, ConstraintOp, IndexOp};
use crate::pg::{Action, Change, Op};
use std::collections::BTreeSet;

/// Suffix of the temporary name of a replacement index and of the NOT NULL helper check.
const TMP: &str = "_pgdrift_tmp";

/// What online mode may do differently with an operation. Every operation is classified by name in `form`,
/// so a new one is placed (run as planned, or given an online form) before it compiles.
enum Online<'a> {
    BuildIndex(&'a Index),
    DropIndex(&'a QName),
    AddConstraint(&'a QName, &'a Constraint),
    SetNotNull(&'a QName, &'a str),
    AsPlanned,
}

fn form(op: &Op) -> Online<'_> {
    match op {
        Op::Index(o) => match o {
            IndexOp::Create(ix) => Online::BuildIndex(ix),
            IndexOp::Drop(q) => Online::DropIndex(q),
            IndexOp::CreateConcurrently(_) | IndexOp::DropConcurrently(_) | IndexOp::Rename { .. } => Online::AsPlanned,
        },
        Op::Constraint(o) => match o {
            ConstraintOp::Add { table, constraint } => Online::AddConstraint(table, constraint),
            ConstraintOp::Drop { .. } | ConstraintOp::Validate { .. } => Online::AsPlanned,
        },
        Op::Column(o) => match o {
            ColumnOp::SetNotNull { table, column } => Online::SetNotNull(table, column),
            ColumnOp::Add { .. }
            | ColumnOp::Drop { .. }
            | ColumnOp::AlterType { .. }
            | ColumnOp::DropNotNull { .. }
            | ColumnOp::SetDefault { .. }
            | ColumnOp::DropDefault { .. }
            | ColumnOp::AddIdentity { .. }
            | ColumnOp::DropIdentity { .. }
            | ColumnOp::AlterIdentity { .. }
            | ColumnOp::SetAttributes { .. }
            | ColumnOp::DropExpression { .. } => Online::AsPlanned,
        },
        Op::Schema(_)
        | Op::Extension(_)
        | Op::Enum(_)
        | Op::Domain(_)
        | Op::Composite(_)
        | Op::Collation(_)
        | Op::Range(_)
        | Op::Sequence(_)
        | Op::Aggregate(_)
        | Op::Table(_)
        | Op::View(_)
        | Op::Function(_)
        | Op::Publication(_)
        | Op::Policy(_)
        | Op::Trigger(_)
        | Op::Statistics(_)
        | Op::Rule(_)
        | Op::EventTrigger(_)
        | Op::Cast(_)
        | Op::TsDictionary(_)
        | Op::TsConfiguration(_)
        | Op::ForeignDataWrapper(_)
        | Op::ForeignServer(_)
        | Op::UserMapping(_)
        | Op::Subscription(_)
        | Op::Role(_)
        | Op::AccessMethod(_)
        | Op::OperatorFamily(_)
        | Op::OperatorClass(_)
        | Op::Rename(_)
        | Op::Conversion(_)
        | Op::Language(_)
        | Op::Operator(_)
        | Op::TsParser(_)
        | Op::TsTemplate(_)
        | Op::Transform(_)
        | Op::Rows(_)
        | Op::Privilege(_)
        | Op::Comment { .. } => Online::AsPlanned,
    }
}

/// Rewrite `plan` (made against `from`) for online execution.
pub fn online(plan: Plan, from: &Catalog) -> Plan {
    let steps = &plan.steps;
    // Partitioned tables take no CONCURRENTLY index builds and no NOT VALID foreign keys: left in place.
    let existing = |t: &QName| from.tables.get(t).is_some_and(|x| x.lineage.partition_by.is_none());
    // Steps that leave the transaction (wholly, or their second half) when nothing inside needs them.
    let leaves = |s: &Step| match form(&s.change.op) {
        Online::BuildIndex(ix) => existing(&ix.table),
        Online::DropIndex(q) => from.indexes.get(q).is_some_and(|x| existing(&x.table)),
        Online::SetNotNull(table, column) => {
            existing(table) && from.tables.get(table).is_some_and(|t| t.column(column).is_some())
        }
        _ => false,
    };
    // Steps some step staying in the transaction depends on must stay there too.
    let mut needed_in_tx = BTreeSet::new();
    for s in steps.iter().filter(|s| s.transactional && !leaves(s)) {
        needed_in_tx.extend(s.after.iter().copied());
    }
    let movable = |i: usize| !needed_in_tx.contains(&i) && from.server_version >= 120000;
    // Indexes dropped and re-created under the same name on an existing table: replacements.
    let created: BTreeSet<&QName> = steps
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match form(&s.change.op) {
            Online::BuildIndex(ix) if existing(&ix.table) && movable(i) => Some(&ix.name),
            _ => None,
        })
        .collect();
    let replaced: BTreeSet<QName> = steps
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match form(&s.change.op) {
            Online::DropIndex(q) if created.contains(q) && movable(i) => Some(q.clone()),
            _ => None,
        })
        .collect();

    let mut out: Vec<Step> = Vec::with_capacity(steps.len());
    // Where each old step went (its last new position), for `after`.
    let mut moved: Vec<usize> = Vec::with_capacity(steps.len());
    let mut tail: Vec<(Step, usize)> = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let after: Vec<usize> =
            step.after.iter().filter_map(|&p| moved.get(p).copied()).filter(|&p| p != usize::MAX).collect();
        let c = &step.change;
        let pos = match form(&c.op) {
            Online::DropIndex(q) if replaced.contains(q) => {
                // Dropped after its replacement is built (below).
                moved.push(usize::MAX);
                continue;
            }
            Online::BuildIndex(ix) if replaced.contains(&ix.name) => replace_index(&mut out, c, ix, after),
            Online::BuildIndex(ix) if existing(&ix.table) && movable(i) => {
                push(&mut out, with_op(c, Op::Index(IndexOp::CreateConcurrently(ix.clone()))), false, after)
            }
            Online::DropIndex(q) if from.indexes.get(q).is_some_and(|x| existing(&x.table)) && movable(i) => {
                push(&mut out, with_op(c, Op::Index(IndexOp::DropConcurrently(q.clone()))), false, after)
            }
            Online::AddConstraint(table, constraint)
                if existing(table)
                    && constraint.validated
                    && matches!(constraint.kind, ConstraintKind::ForeignKey | ConstraintKind::Check)
                    && movable(i) =>
            {
                let mut not_valid = constraint.clone();
                not_valid.validated = false;
                let op = Op::Constraint(ConstraintOp::Add { table: table.clone(), constraint: not_valid });
                let a = push(&mut out, with_op(c, op), true, after);
                let validate =
                    Op::Constraint(ConstraintOp::Validate { table: table.clone(), name: constraint.name.clone() });
                tail.push((Step { change: with_op(c, validate), transactional: false, after: vec![a] }, i));
                a
            }
            Online::SetNotNull(table, column)
                if existing(table)
                    && from.tables.get(table).is_some_and(|t| t.column(column).is_some())
                    && movable(i) =>
            {
                not_null_through_check(&mut out, &mut tail, c, (table, column), after, i)
            }
            _ => push(&mut out, c.clone(), step.transactional, after),
        };
        moved.push(pos);
    }
    append_tail(&mut out, tail);
    Plan { steps: out, unmodelled: plan.unmodelled, suggested_renames: plan.suggested_renames }
}

fn push(out: &mut Vec<Step>, change: Change, transactional: bool, after: Vec<usize>) -> usize {
    out.push(Step { change, transactional, after });
    out.len() - 1
}

/// A changed index on a busy table: the new one built concurrently under a temporary name, the old one
/// dropped concurrently, the new one renamed; returns the last step's position.
fn replace_index(out: &mut Vec<Step>, c: &Change, ix: &Index, after: Vec<usize>) -> usize {
    let tmp_name = format!("{}{TMP}", ix.name.name);
    let tmp = QName::new(&ix.name.schema, &tmp_name);
    let mut built = ix.clone();
    built.definition = rename_in_definition(&ix.definition, &ix.name.name, &tmp_name);
    built.name = tmp.clone();
    let a = push(out, with_op(c, Op::Index(IndexOp::CreateConcurrently(built))), false, after);
    let b = push(out, with_op(c, Op::Index(IndexOp::DropConcurrently(ix.name.clone()))), false, vec![a]);
    push(out, with_op(c, Op::Index(IndexOp::Rename { from: tmp, to: ix.name.name.clone() })), false, vec![b])
}

/// `SET NOT NULL` on a busy table: a `CHECK (col IS NOT NULL) NOT VALID` in the transaction; after it, the
/// check validated, the SET NOT NULL (which then needs no scan) and the check dropped. Returns the
/// position of the step in the transaction; the rest go to `tail` under `origin`.
fn not_null_through_check(
    out: &mut Vec<Step>,
    tail: &mut Vec<(Step, usize)>,
    c: &Change,
    (table, column): (&QName, &str),
    after: Vec<usize>,
    origin: usize,
) -> usize {
    let name = format!("{column}{TMP}");
    let check = Constraint {
        name: name.clone(),
        kind: ConstraintKind::Check,
        definition: format!("CHECK ({} IS NOT NULL)", Ident(column)),
        validated: false,
        index_options: vec![],
        comment: None,
    };
    let id = ObjectId::new(Kind::Constraint, &table.schema, &table.name, &name);
    let add = Change::new(
        Action::Create,
        id.clone(),
        Op::Constraint(ConstraintOp::Add { table: table.clone(), constraint: check }),
    );
    let a = push(out, add, true, after);
    let validate = Change::new(
        Action::Alter,
        id.clone(),
        Op::Constraint(ConstraintOp::Validate { table: table.clone(), name: name.clone() }),
    );
    tail.push((Step { change: validate, transactional: false, after: vec![a] }, origin));
    tail.push((Step { change: c.clone(), transactional: false, after: vec![] }, origin));
    let drop = Change::new(Action::Drop, id, Op::Constraint(ConstraintOp::Drop { table: table.clone(), name }));
    tail.push((Step { change: drop, transactional: false, after: vec![] }, origin));
    a
}

/// Validations and NOT NULL completions run after the transaction, in plan order, each after the previous
/// one of the same origin.
fn append_tail(out: &mut Vec<Step>, tail: Vec<(Step, usize)>) {
    let mut last_of: std::collections::BTreeMap<usize, usize> = Default::default();
    for (mut s, origin) in tail {
        if let Some(&prev) = last_of.get(&origin) {
            s.after.push(prev);
        }
        out.push(s);
        last_of.insert(origin, out.len() - 1);
    }
}

fn with_op(c: &Change, op: Op) -> Change {
    Change { op, ..c.clone() }
}

/// `CREATE [UNIQUE] INDEX name ON ...` with the name replaced (however it is quoted).
fn rename_in_definition(def: &str, old: &str, new: &str) -> String {
    let quoted = Ident(old).to_string();
    for candidate in [format!(" INDEX {quoted} ON "), format!(" INDEX {old} ON ")] {
        if def.contains(&candidate) {
            return def.replacen(&candidate, &format!(" INDEX {} ON ", Ident(new)), 1);
        }
    }
    def.to_string()
}
