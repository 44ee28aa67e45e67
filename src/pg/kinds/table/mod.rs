//! Diff of tables, their columns and their constraints.

mod decode;
pub(crate) use decode::decode;

use super::column::{add_column, alter_column_after, column_def, drop_column, set_attributes};
use super::constraint::{add_constraint, drop_constraint};
use crate::pg::options::{self, OptionChange};
use crate::pg::prelude::*;
use crate::pg::{lineage, rows};
use std::collections::BTreeMap;

/// What pgdrift does to a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum TableOp {
    Create(Box<Table>),
    Drop(QName),
    /// `ALTER TABLE parent ATTACH PARTITION table bound`.
    AttachPartition {
        table: QName,
        parent: QName,
        bound: String,
    },
    DetachPartition {
        table: QName,
        parent: QName,
    },
    /// `ALTER TABLE table INHERIT parent`.
    Inherit {
        table: QName,
        parent: QName,
    },
    NoInherit {
        table: QName,
        parent: QName,
    },
    SetLogged {
        table: QName,
        unlogged: bool,
    },
    SetOptions {
        table: QName,
        set: Vec<String>,
        reset: Vec<String>,
    },
    /// `REPLICA IDENTITY DEFAULT | FULL | NOTHING | USING INDEX name` (`None`: DEFAULT).
    SetReplicaIdentity {
        table: QName,
        identity: Option<ReplicaIdentity>,
    },
    /// ENABLE/DISABLE ROW LEVEL SECURITY, FORCE/NO FORCE.
    SetRowSecurity {
        table: QName,
        enabled: Option<bool>,
        forced: Option<bool>,
    },
    /// `ALTER TABLE .. SET ACCESS METHOD` (`None`: heap); the table is rewritten.
    SetAccessMethod {
        table: QName,
        method: Option<String>,
    },
    /// `DROP FOREIGN TABLE`: its rows live on its server and stay there.
    DropForeign(QName),
    /// `ALTER FOREIGN TABLE .. OPTIONS (ADD | SET | DROP ..)`.
    AlterForeignOptions {
        table: QName,
        options: Vec<OptionChange>,
    },
    /// `ALTER FOREIGN TABLE .. ALTER COLUMN .. OPTIONS (..)`.
    AlterForeignColumnOptions {
        table: QName,
        column: String,
        options: Vec<OptionChange>,
    },
}

/// How a foreign table is named where its secret options' psql variables are (`foreign table s.t`).
fn foreign_object(table: &QName, column: Option<&str>) -> String {
    match column {
        Some(c) => format!("foreign table {table}.{c}"),
        None => format!("foreign table {table}"),
    }
}

/// The psql variables of secrets its SQL needs.
pub(crate) fn secrets(op: &TableOp) -> Vec<String> {
    let changed =
        |options: &[OptionChange]| options.iter().filter_map(OptionChange::option).cloned().collect::<Vec<_>>();
    match op {
        TableOp::Create(t) => match &t.foreign {
            Some(f) => {
                let mut v = options::secret_variables(&foreign_object(&t.name, None), &f.options);
                for (c, o) in &f.column_options {
                    v.extend(options::secret_variables(&foreign_object(&t.name, Some(c)), o));
                }
                v
            }
            None => Vec::new(),
        },
        TableOp::AlterForeignOptions { table, options: o } => {
            options::secret_variables(&foreign_object(table, None), &changed(o))
        }
        TableOp::AlterForeignColumnOptions { table, column, options: o } => {
            options::secret_variables(&foreign_object(table, Some(column)), &changed(o))
        }
        TableOp::Drop(_)
        | TableOp::DropForeign(_)
        | TableOp::AttachPartition { .. }
        | TableOp::DetachPartition { .. }
        | TableOp::Inherit { .. }
        | TableOp::NoInherit { .. }
        | TableOp::SetLogged { .. }
        | TableOp::SetOptions { .. }
        | TableOp::SetReplicaIdentity { .. }
        | TableOp::SetRowSecurity { .. }
        | TableOp::SetAccessMethod { .. } => Vec::new(),
    }
}

/// Indexes and owned sequences of each FROM table, gathered once so that dropping thousands of tables
/// (a teardown) does not rescan every index and sequence per table.
#[derive(Default)]
pub(super) struct Parts<'a> {
    indexes: BTreeMap<&'a QName, Vec<&'a Index>>,
    owned: BTreeMap<&'a QName, Vec<&'a Sequence>>,
    /// Partitions of each partitioned table.
    partitions: BTreeMap<&'a QName, Vec<&'a QName>>,
    /// Partitions and inheritance children of each table.
    children: BTreeMap<&'a QName, Vec<&'a QName>>,
}

impl<'a> Parts<'a> {
    fn of(from: &'a Catalog) -> Self {
        let mut p = Parts::default();
        for i in from.indexes.values() {
            p.indexes.entry(&i.table).or_default().push(i);
        }
        for t in from.tables.values() {
            if let Some(of) = &t.lineage.partition_of {
                p.partitions.entry(&of.parent).or_default().push(&t.name);
            }
            for parent in t.lineage.parents() {
                p.children.entry(parent).or_default().push(&t.name);
            }
        }
        for s in from.sequences.values() {
            if let Some((t, _)) = &s.owned_by {
                p.owned.entry(t).or_default().push(s);
            }
        }
        p
    }

    /// Whether a child of `parent` that stays its child keeps `column` in TO: the parent then drops the
    /// column `ONLY` (the children keep it as their own; those that do not drop it themselves).
    fn kept_by_a_child(&self, to: &Catalog, parent: &QName, column: &str) -> bool {
        self.children.get(parent).into_iter().flatten().any(|c| {
            to.tables.get(*c).is_some_and(|t| t.lineage.parents().any(|p| p == parent) && t.column(column).is_some())
        })
    }

    /// The links to `parent` of its children in FROM: a column the parent gains waits for their detach
    /// (a partition detached by the plan does not get it).
    fn child_links(&self, parent: &QName) -> Vec<ObjectId> {
        self.children.get(parent).into_iter().flatten().map(|c| lineage::old_link(c)).collect()
    }

    /// A partition is created or attached once the partitions FROM has under the same parent are detached
    /// (their old bounds may overlap its new one).
    fn sibling_links(&self, t: &Table) -> Vec<ObjectId> {
        let Some(parent) = t.lineage.partition_of.as_ref().map(|p| &p.parent) else {
            return Vec::new();
        };
        let siblings = self.partitions.get(parent).into_iter().flatten();
        siblings.filter(|s| **s != &t.name).map(|s| lineage::old_link(s)).chain([lineage::old_link(&t.name)]).collect()
    }

    /// The sequences owned by the table (or by one of its columns).
    fn owned_by(&self, table: &QName, column: Option<&str>) -> impl Iterator<Item = &'a Sequence> + '_ {
        let column = column.map(str::to_string);
        self.owned
            .get(table)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |s| s.owned_by.as_ref().is_some_and(|(_, c)| column.as_deref().is_none_or(|col| col == c)))
    }

    /// Ownership changes of the sequences owned by the table (or one of its columns) that TO keeps: they
    /// must be owned elsewhere (or by nothing) before the table or column goes, or they go with it.
    pub(super) fn kept_sequences(&self, to: &Catalog, table: &QName, column: Option<&str>) -> Vec<ObjectId> {
        self.owned_by(table, column)
            .filter(|s| to.sequences.get(&s.name).is_some_and(|kept| kept.owned_by != s.owned_by))
            .map(|s| ObjectId::of(Kind::SequenceOwner, &s.name))
            .collect()
    }

    /// Sequences owned by the table (or one of its columns) that TO does not keep: dropped with it.
    pub(super) fn owned_sequences(&self, to: &Catalog, table: &QName, column: Option<&str>) -> Vec<ObjectId> {
        self.owned_by(table, column)
            .filter(|s| super::sequence::owned_by_dropped_column(to, s) && !to.sequences.contains_key(&s.name))
            .map(|s| ObjectId::of(Kind::Sequence, &s.name))
            .collect()
    }
}

/// `remade`: tables dropped and created again (their partitioning changes).
pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, remade, out) = (cx.from, cx.to, cx.remade, &mut cx.out);
    let parts = Parts::of(from);
    for p in pairs(&from.tables, &to.tables) {
        match p {
            Pair::Added(t) => create_table(from, to, &parts, t, out),
            // A partition TO does not have, of a table that is re-created: dropped with it, rows moved.
            Pair::Removed(t) if t.lineage.partition_of.as_ref().is_some_and(|p| remade.contains(&p.parent)) => {}
            Pair::Removed(t) => drop_table(from, to, &parts, t, out),
            Pair::Both(a, b) if remade.contains(&a.name) => {
                // Dropped and created again; the rows of the whole tree move through the root (see rows).
                let root = rows::is_root(a, remade) && rows::carried(a, b);
                let mut waits = rows::keep_sequences(from, to, a, out);
                let hazards = if root {
                    let (saved, hazards) = rows::save(a, b, out);
                    waits.extend(saved);
                    hazards
                } else if a.is_foreign() {
                    // Its rows live on its server.
                    Vec::new()
                } else if b.is_foreign() {
                    vec![Hazard::deletes(format!(
                        "drops table {} and all its rows (it becomes a foreign table)",
                        a.name
                    ))]
                } else {
                    let why = format!("re-creates {} (its rows move with its re-created parent)", a.name);
                    vec![Hazard::new(HazardKind::TableRewrite, why)]
                };
                drop_table(from, to, &parts, a, out);
                let gone_partitions =
                    parts.partitions.get(&a.name).into_iter().flatten().filter(|p| !to.tables.contains_key(**p));
                let gone_partitions: Vec<ObjectId> = gone_partitions.map(|p| ObjectId::of(Kind::Table, p)).collect();
                if let Some(drop) = out.last_mut() {
                    drop.needs.extend(waits);
                    drop.hazards = hazards;
                    drop.covers.extend(gone_partitions);
                }
                create_table(from, to, &parts, b, out);
                if root {
                    rows::restore(to, a, b, out);
                }
            }
            Pair::Both(a, b) => alter_table(from, to, &parts, a, b, out),
        }
    }
}

fn create_table(from: &Catalog, to: &Catalog, parts: &Parts, t: &Table, out: &mut Vec<Change>) {
    let id = ObjectId::of(Kind::Table, &t.name);
    let cols = t.columns.iter().map(|c| ObjectId::column(&t.name, &c.name));
    let mut create =
        Change::new(Action::Create, id.clone(), Op::Table(TableOp::Create(Box::new(t.clone())))).covering(cols);
    if let Some(f) = &t.foreign {
        create.needs.push(ObjectId::new(Kind::ForeignServer, "", &f.server, ""));
    }
    out.push(create.needing(parts.sibling_links(t)));
    // Columns that come from a parent arrive as the parent has them: give them the table's own default
    // and NOT NULL where those differ.
    for c in &t.columns {
        if let Some((arrived, parent_col)) = lineage::created_column(to, t, c) {
            alter_column_after(from, to, parts, &t.name, &arrived, c, &[parent_col], out);
        }
    }
    for c in t.constraints.values() {
        add_constraint(out, &t.name, c, false);
    }
    for c in &t.columns {
        set_attributes(out, &t.name, &ColumnAttributes::default(), c);
    }
    comment(out, id, comment_target(t), None, &t.comment);
    for c in &t.columns {
        let target = CommentTarget::Column(t.name.clone(), c.name.clone());
        comment(out, ObjectId::column(&t.name, &c.name), target, None, &c.comment);
    }
}

/// Whether a part of a table (constraint, policy, trigger) depends on a relation other than its table (a
/// foreign key's target, a view a policy reads): such a part is dropped first on its own, so that tables
/// that reference each other, or a view over the table that a policy reads, can go in some order.
fn depends_beyond(from: &Catalog, id: &ObjectId, table: &QName) -> bool {
    let first = (id.clone(), ObjectId::new(Kind::Schema, "", "", ""));
    from.depends
        .range(first..)
        .take_while(|(d, _)| d == id)
        .any(|(_, r)| r.kind == Kind::View || r.table().is_some_and(|rt| rt != *table))
}

/// Dropping a table drops its columns, constraints, indexes, policies, triggers and the sequences its
/// columns own (those TO keeps are given their new owner first). Parts that depend on other relations are
/// dropped first on their own (`depends_beyond`).
fn drop_table(from: &Catalog, to: &Catalog, parts: &Parts, t: &Table, out: &mut Vec<Change>) {
    let mut covers: Vec<ObjectId> = t.columns.iter().map(|c| ObjectId::column(&t.name, &c.name)).collect();
    for name in t.constraints.keys() {
        let id = ObjectId::constraint(&t.name, name);
        if depends_beyond(from, &id, &t.name) {
            out.push(drop_constraint(&t.name, name));
        } else {
            covers.push(id);
        }
    }
    let indexes = parts.indexes.get(&t.name).into_iter().flatten();
    covers.extend(indexes.map(|i| ObjectId::of(Kind::Index, &i.name)));
    covers.extend(parts.owned_sequences(to, &t.name, None));
    for g in on_table(&from.triggers, &t.name) {
        let id = ObjectId::new(Kind::Trigger, &t.name.schema, &t.name.name, &g.name);
        if depends_beyond(from, &id, &t.name) {
            out.push(super::trigger::drop_trigger(g));
        } else {
            covers.push(id);
        }
    }
    for p in on_table(&from.policies, &t.name) {
        let id = ObjectId::new(Kind::Policy, &t.name.schema, &t.name.name, &p.name);
        if depends_beyond(from, &id, &t.name) {
            out.push(super::policy::drop(p));
        } else {
            covers.push(id);
        }
    }
    let drop = if t.is_foreign() {
        // Its rows live on its server: nothing is lost here.
        Change::new(Action::Drop, ObjectId::of(Kind::Table, &t.name), Op::Table(TableOp::DropForeign(t.name.clone())))
    } else {
        Change::new(Action::Drop, ObjectId::of(Kind::Table, &t.name), Op::Table(TableOp::Drop(t.name.clone())))
            .with_hazard(Hazard::deletes(format!("drops table {} and all its rows", t.name)))
    };
    out.push(drop.covering(covers).needing(parts.kept_sequences(to, &t.name, None)));
}

fn alter_table(from: &Catalog, to: &Catalog, parts: &Parts, a: &Table, b: &Table, out: &mut Vec<Change>) {
    let q = &b.name;
    let id = ObjectId::of(Kind::Table, q);
    lineage::links(a, b, to, parts.sibling_links(b), out);
    if a.unlogged != b.unlogged {
        out.push(Change::new(
            Action::Alter,
            id.clone(),
            Op::Table(TableOp::SetLogged { table: q.clone(), unlogged: b.unlogged }),
        ));
    }
    if a.access_method != b.access_method {
        let op = TableOp::SetAccessMethod { table: q.clone(), method: b.access_method.clone() };
        let why = format!("rewrites {q} into access method {}", b.access_method.as_deref().unwrap_or("heap"));
        out.push(
            Change::new(Action::Alter, id.clone(), Op::Table(op))
                .with_hazard(Hazard::new(HazardKind::TableRewrite, why)),
        );
    }
    if a.options != b.options {
        let key = |o: &String| o.split('=').next().unwrap_or("").to_string();
        let set: Vec<String> = b.options.iter().filter(|o| !a.options.contains(o)).cloned().collect();
        let set_keys: Vec<String> = set.iter().map(key).collect();
        let reset: Vec<String> = a
            .options
            .iter()
            .map(key)
            .filter(|k| !set_keys.contains(k) && !b.options.iter().any(|o| key(o) == *k))
            .collect();
        out.push(Change::new(
            Action::Alter,
            id.clone(),
            Op::Table(TableOp::SetOptions { table: q.clone(), set, reset }),
        ));
    }
    let start = out.len();
    let ca: BTreeMap<&str, &Column> = a.columns.iter().map(|c| (c.name.as_str(), c)).collect();
    let cb: BTreeMap<&str, &Column> = b.columns.iter().map(|c| (c.name.as_str(), c)).collect();
    // Dropped columns first, then kept ones, then added ones in TO's column order.
    for (name, col) in &ca {
        if cb.contains_key(name) {
            continue;
        }
        // Inherited from a parent that drops it with its children (not ONLY): nothing to do here.
        let dropping_parents: Vec<&QName> =
            a.lineage.parents().filter(|p| lineage::parent_drops(a, b, from, to, p, col)).collect();
        if col.origin == ColumnOrigin::Inherited && dropping_parents.iter().any(|p| !parts.kept_by_a_child(to, p, name))
        {
            continue;
        }
        let mut drop = drop_column(to, parts, q, col).needing(lineage::detach_needs(a, b));
        // After the parents' ONLY drops, which leave the column to this table.
        drop.needs.extend(dropping_parents.iter().map(|p| ObjectId::column(p, name)));
        if let Op::Column(ColumnOp::Drop { only, .. }) = &mut drop.op {
            *only = parts.kept_by_a_child(to, q, name);
        }
        out.push(drop);
    }
    for (name, col) in &ca {
        if let Some(new) = cb.get(name) {
            let (seen, needs) = lineage::kept_column(from, to, a, b, col, new);
            alter_column_after(from, to, parts, q, &seen, new, &needs, out);
        }
    }
    for col in &b.columns {
        if !ca.contains_key(col.name.as_str()) {
            match lineage::arriving_column(a, b, to, col) {
                Some((arrived, parent_col)) => {
                    alter_column_after(from, to, parts, q, &arrived, col, &[parent_col], out)
                }
                None => {
                    let start = out.len();
                    add_column(out, q, col);
                    out[start].needs.extend(parts.child_links(q));
                }
            }
        }
    }
    for p in pairs(&a.constraints, &b.constraints) {
        match p {
            Pair::Added(c) => add_constraint(out, q, c, true),
            Pair::Removed(c) => out.push(drop_constraint(q, &c.name)),
            Pair::Both(x, y) => {
                if x.definition != y.definition
                    || x.kind != y.kind
                    || x.index_options != y.index_options
                    || (x.validated && !y.validated)
                {
                    out.push(drop_constraint(q, &x.name));
                    add_constraint(out, q, y, true);
                } else {
                    if !x.validated && y.validated {
                        let op = Op::Constraint(ConstraintOp::Validate { table: q.clone(), name: y.name.clone() });
                        out.push(Change::new(Action::Alter, ObjectId::constraint(q, &y.name), op));
                    }
                    let target = CommentTarget::Constraint(q.clone(), y.name.clone());
                    comment(out, ObjectId::constraint(q, &y.name), target, Some(&x.comment), &y.comment);
                }
            }
        }
    }
    if a.is_foreign() && b.is_foreign() {
        // No rows are stored here: dropping, converting or checking columns loses, rewrites and scans nothing.
        out[start..].iter_mut().for_each(|c| c.hazards.clear());
    }
    foreign_options(a, b, out);
    comment(out, id, comment_target(b), Some(&a.comment), &b.comment);
}

fn comment_target(t: &Table) -> CommentTarget {
    if t.is_foreign() {
        CommentTarget::ForeignTable(t.name.clone())
    } else {
        CommentTarget::Table(t.name.clone())
    }
}

/// A foreign table's options and its columns' options (same server on both sides: see `lineage::recreated`).
fn foreign_options(a: &Table, b: &Table, out: &mut Vec<Change>) {
    let (Some(fa), Some(fb)) = (&a.foreign, &b.foreign) else {
        return;
    };
    let q = &b.name;
    let changes = options::changes(&fa.options, &fb.options);
    if !changes.is_empty() {
        let op = Op::Table(TableOp::AlterForeignOptions { table: q.clone(), options: changes });
        out.push(Change::new(Action::Alter, ObjectId::of(Kind::Table, q), op));
    }
    for c in &b.columns {
        let changes = options::changes(a.column_options(&c.name), b.column_options(&c.name));
        if !changes.is_empty() {
            let op = TableOp::AlterForeignColumnOptions { table: q.clone(), column: c.name.clone(), options: changes };
            out.push(Change::new(Action::Alter, ObjectId::column(q, &c.name), Op::Table(op)));
        }
    }
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &TableOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        TableOp::SetRowSecurity { table, enabled, forced } => {
            let mut v = Vec::new();
            if let Some(e) = enabled {
                v.push(format!(
                    "ALTER TABLE {} {} ROW LEVEL SECURITY;",
                    table.sql(),
                    if *e { "ENABLE" } else { "DISABLE" }
                ));
            }
            if let Some(f) = forced {
                v.push(format!(
                    "ALTER TABLE {} {} ROW LEVEL SECURITY;",
                    table.sql(),
                    if *f { "FORCE" } else { "NO FORCE" }
                ));
            }
            v
        }
        TableOp::Create(t) => {
            let note = options::secret_note("this foreign table", &secrets(op));
            one(format!("{note}{}", create_sql(t)))
        }
        TableOp::Drop(q) => one(format!("DROP TABLE {};", q.sql())),
        TableOp::SetAccessMethod { table, method } => one(format!(
            "ALTER TABLE {} SET ACCESS METHOD {};",
            table.sql(),
            Ident(method.as_deref().unwrap_or("heap"))
        )),
        TableOp::DropForeign(q) => one(format!("DROP FOREIGN TABLE {};", q.sql())),
        TableOp::AlterForeignOptions { table, options: o } => {
            let object = foreign_object(table, None);
            let note = options::secret_note("this foreign table", &secrets(op));
            one(format!("{note}ALTER FOREIGN TABLE {}{};", table.sql(), options::alter_clause(&object, o)))
        }
        TableOp::AlterForeignColumnOptions { table, column, options: o } => {
            let object = foreign_object(table, Some(column));
            let note = options::secret_note("this foreign table", &secrets(op));
            one(format!(
                "{note}ALTER FOREIGN TABLE {} ALTER COLUMN {}{};",
                table.sql(),
                Ident(column),
                options::alter_clause(&object, o)
            ))
        }
        TableOp::AttachPartition { table, parent, bound } => {
            one(format!("ALTER TABLE {} ATTACH PARTITION {} {bound};", parent.sql(), table.sql()))
        }
        TableOp::DetachPartition { table, parent } => {
            one(format!("ALTER TABLE {} DETACH PARTITION {};", parent.sql(), table.sql()))
        }
        TableOp::Inherit { table, parent } => one(format!("ALTER TABLE {} INHERIT {};", table.sql(), parent.sql())),
        TableOp::NoInherit { table, parent } => {
            one(format!("ALTER TABLE {} NO INHERIT {};", table.sql(), parent.sql()))
        }
        TableOp::SetLogged { table, unlogged } => {
            one(format!("ALTER TABLE {} SET {};", table.sql(), if *unlogged { "UNLOGGED" } else { "LOGGED" }))
        }
        TableOp::SetOptions { table, set, reset } => {
            let mut v = Vec::new();
            if !reset.is_empty() {
                v.push(format!("ALTER TABLE {} RESET ({});", table.sql(), reset.join(", ")));
            }
            if !set.is_empty() {
                v.push(format!("ALTER TABLE {} SET ({});", table.sql(), set.join(", ")));
            }
            v
        }
        TableOp::SetReplicaIdentity { table, identity } => {
            let what = match identity {
                None => "DEFAULT".to_string(),
                Some(ReplicaIdentity::Full) => "FULL".to_string(),
                Some(ReplicaIdentity::Nothing) => "NOTHING".to_string(),
                Some(ReplicaIdentity::UsingIndex(name)) => format!("USING INDEX {}", Ident(name)),
            };
            one(format!("ALTER TABLE {} REPLICA IDENTITY {what};", table.sql()))
        }
    }
}
/// CREATE TABLE: a partition takes all its columns from the parent (its own defaults and NOT NULL follow
/// as ALTERs); an INHERITS child lists only the columns it declares itself.
fn create_sql(t: &Table) -> String {
    let unlogged = if t.unlogged { "UNLOGGED " } else { "" };
    let foreign = if t.is_foreign() { "FOREIGN " } else { "" };
    let mut sql = format!("CREATE {unlogged}{foreign}TABLE {}", t.name.sql());
    if let Some(p) = &t.lineage.partition_of {
        sql.push_str(&format!(" PARTITION OF {} {}", p.parent.sql(), p.bound));
    } else {
        let own = t.columns.iter().filter(|c| c.origin != ColumnOrigin::Inherited);
        let cols: Vec<String> = own
            .map(|c| {
                let options =
                    options::create_clause(&foreign_object(&t.name, Some(&c.name)), t.column_options(&c.name));
                format!("    {}", column_def(&t.name, c, &options))
            })
            .collect();
        let body = if cols.is_empty() { "()".to_string() } else { format!("(\n{}\n)", cols.join(",\n")) };
        sql.push(' ');
        sql.push_str(&body);
        if !t.lineage.inherits.is_empty() {
            let parents: Vec<String> = t.lineage.inherits.iter().map(QName::sql).collect();
            sql.push_str(&format!(" INHERITS ({})", parents.join(", ")));
        }
    }
    if let Some(key) = &t.lineage.partition_by {
        sql.push_str(&format!(" PARTITION BY {key}"));
    }
    if let Some(am) = &t.access_method {
        sql.push_str(&format!(" USING {}", Ident(am)));
    }
    if !t.options.is_empty() {
        sql.push_str(&format!(" WITH ({})", t.options.join(", ")));
    }
    if let Some(f) = &t.foreign {
        sql.push_str(&format!(" SERVER {}", Ident(&f.server)));
        sql.push_str(&options::create_clause(&foreign_object(&t.name, None), &f.options));
    }
    sql.push(';');
    sql
}
