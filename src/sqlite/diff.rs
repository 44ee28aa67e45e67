//! SQLite plans: two SQLite-flavoured catalogs -> ordered, typed steps (plain ALTER where SQLite allows
//! it, else a table rebuild), each with its hazards. No SQL text here: see `emit`.

use super::lexer::{tokenize, Tok};
use crate::hazard::{Hazard, HazardKind};
use crate::model::{Catalog, Column, Index, ObjectId, QName, Table, Trigger, View};
use petgraph::graph::DiGraph;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Rebuilds carry both tables whole; a plan holds a few steps per table, so the size is no concern.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    CreateTable {
        table: Table,
    },
    DropTable {
        table: QName,
    },
    AddColumn {
        table: QName,
        column: Column,
    },
    DropColumn {
        table: QName,
        column: String,
    },
    /// Create the new definition beside the old one, copy the rows (`copy`: columns read from the old
    /// table), drop the old, rename; keeps the AUTOINCREMENT counter when both sides use it.
    Rebuild {
        from: Table,
        to: Table,
        copy: Vec<String>,
    },
    CreateIndex {
        index: Index,
    },
    DropIndex {
        index: QName,
    },
    CreateView {
        view: View,
    },
    DropView {
        view: QName,
    },
    CreateTrigger {
        trigger: Trigger,
    },
    DropTrigger {
        table: QName,
        name: String,
    },
}

#[derive(Clone, Debug, Serialize)]
pub struct Step {
    pub op: Op,
    pub hazards: Vec<Hazard>,
    /// Earlier steps this one needs (withholding one withholds its dependents).
    pub after: Vec<usize>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Plan {
    pub steps: Vec<Step>,
    /// Objects SQLite has that pgdrift does not model, differing between the sides.
    pub unmodelled: Vec<String>,
}

impl Plan {
    /// Whether a step turns foreign key enforcement off around the transaction (rebuilds, drops).
    pub fn needs_fk_off(&self) -> bool {
        self.steps.iter().any(|s| matches!(s.op, Op::Rebuild { .. } | Op::DropTable { .. }))
    }
}

/// What happens to each table of `from` that also exists in `to`.
enum TableChange {
    Same,
    Alter(Vec<Step>),
    Rebuild(Box<Step>),
}

/// Plan the changes that turn `from` into `to` (both SQLite-flavoured).
pub fn plan(from: &Catalog, to: &Catalog) -> crate::Result<Plan> {
    // Names and types equal but for case are one name to SQLite: TO takes FROM's spelling first.
    let to = &super::spelling::in_from_spelling(from, to.clone());
    let mut steps: Vec<Step> = Vec::new();
    let mut rebuilt: BTreeMap<QName, usize> = BTreeMap::new();
    let mut alters = Vec::new();
    let mut rebuilds = Vec::new();
    // Referenced tables first, so that rebuilds run in foreign key order.
    for q in table_order(to) {
        let t = &to.tables[&q];
        if let Some(f) = from.tables.get(&q) {
            match table_change(from, f, t) {
                TableChange::Same => {}
                TableChange::Alter(s) => alters.extend(s),
                TableChange::Rebuild(s) => rebuilds.push((q, *s)),
            }
        }
    }
    let dropped_tables: BTreeSet<&QName> = from.tables.keys().filter(|q| !to.tables.contains_key(*q)).collect();
    let gone = |t: &QName, rebuilt: &BTreeMap<QName, usize>| dropped_tables.contains(t) || rebuilt.contains_key(t);
    let rebuilding: BTreeMap<QName, usize> = rebuilds.iter().map(|(q, _)| (q.clone(), 0)).collect();
    // 1-3: triggers, views and indexes that change or go away (those on dropped or rebuilt tables go
    // with their table).
    for (k, t) in &from.triggers {
        if to.triggers.get(k) != Some(t) && !gone(&k.0, &rebuilding) {
            steps.push(step(Op::DropTrigger { table: k.0.clone(), name: k.1.clone() }, vec![]));
        }
    }
    let view_order_from = view_order(from)?;
    for q in view_order_from.iter().rev() {
        if to.views.get(q).map(|v| &v.definition) != from.views.get(q).map(|v| &v.definition) {
            steps.push(step(Op::DropView { view: q.clone() }, vec![]));
        }
    }
    for (q, i) in &from.indexes {
        if to.indexes.get(q).map(|x| (&x.table, &x.definition)) != Some((&i.table, &i.definition))
            && !gone(&i.table, &rebuilding)
        {
            steps.push(step(
                Op::DropIndex { index: q.clone() },
                vec![Hazard::new(HazardKind::IndexDropped, q.name.clone())],
            ));
        }
    }
    // 4: new tables, referenced before referencing.
    for q in table_order(to) {
        if !from.tables.contains_key(&q) {
            steps.push(step(Op::CreateTable { table: to.tables[&q].clone() }, vec![]));
        }
    }
    // 5: rebuilds and plain ALTERs.
    for (q, s) in rebuilds {
        rebuilt.insert(q, steps.len());
        steps.push(s);
    }
    steps.extend(alters);
    // 6: dropped tables.
    for q in &dropped_tables {
        steps.push(step(
            Op::DropTable { table: (*q).clone() },
            vec![Hazard::deletes(format!("table {} and its rows", q.name))],
        ));
    }
    // 7-9: indexes, views, triggers that are new, changed, or on a rebuilt table.
    for (q, i) in &to.indexes {
        let same = from.indexes.get(q).map(|x| (&x.table, &x.definition)) == Some((&i.table, &i.definition));
        let needs = rebuilt.get(&i.table).copied();
        if !same || needs.is_some() {
            let mut s = step(Op::CreateIndex { index: i.clone() }, vec![]);
            if from.tables.contains_key(&i.table) && !same {
                s.hazards.push(Hazard::new(HazardKind::IndexBuild, format!("{} on an existing table", q.name)));
            }
            s.after.extend(needs);
            steps.push(s);
        }
    }
    for q in view_order(to)? {
        let v = &to.views[&q];
        if from.views.get(&q).map(|x| &x.definition) != Some(&v.definition) {
            steps.push(step(Op::CreateView { view: v.clone() }, vec![]));
        }
    }
    for (k, t) in &to.triggers {
        let needs = rebuilt.get(&k.0).copied();
        if from.triggers.get(k) != Some(t) || needs.is_some() {
            let mut s = step(Op::CreateTrigger { trigger: t.clone() }, vec![]);
            s.after.extend(needs);
            steps.push(s);
        }
    }
    let unmodelled = from
        .unmodelled
        .symmetric_difference(&to.unmodelled)
        .map(|u| format!("{} {} differs (SQLite {} are not modelled; not changed)", u.kind, u.name, u.kind))
        .collect();
    Ok(Plan { steps, unmodelled })
}

fn step(op: Op, hazards: Vec<Hazard>) -> Step {
    Step { op, hazards, after: vec![] }
}

fn same_shape(a: &Column, b: &Column) -> bool {
    a == b
}

fn table_change(from_cat: &Catalog, f: &Table, t: &Table) -> TableChange {
    if f == t {
        return TableChange::Same;
    }
    let q = &t.name;
    let same_frame = f.constraints == t.constraints && f.sqlite == t.sqlite;
    let n = f.columns.len();
    // Only columns appended, each addable with ALTER TABLE ADD COLUMN.
    if same_frame && t.columns.len() > n && f.columns.iter().zip(&t.columns).all(|(a, b)| same_shape(a, b)) {
        let added = &t.columns[n..];
        if added.iter().all(addable) {
            let steps =
                added.iter().map(|c| step(Op::AddColumn { table: q.clone(), column: c.clone() }, vec![])).collect();
            return TableChange::Alter(steps);
        }
    }
    // Only columns removed, none used by an index, trigger, view or generated column (SQLite >= 3.35).
    if same_frame && t.columns.len() < f.columns.len() && from_cat.server_version >= 3_035_000 {
        let kept: Vec<&Column> = f.columns.iter().filter(|c| t.column(&c.name).is_some()).collect();
        let removed: Vec<&Column> = f.columns.iter().filter(|c| t.column(&c.name).is_none()).collect();
        if kept.len() == t.columns.len()
            && kept.iter().zip(&t.columns).all(|(a, b)| same_shape(a, b))
            && removed.iter().all(|c| c.generated.is_none() && !mentioned_elsewhere(from_cat, f, &c.name))
        {
            let steps = removed
                .iter()
                .map(|c| {
                    let h = Hazard::deletes(format!("column {}.{} and its values", q.name, c.name));
                    step(Op::DropColumn { table: q.clone(), column: c.name.clone() }, vec![h])
                })
                .collect();
            return TableChange::Alter(steps);
        }
    }
    TableChange::Rebuild(Box::new(rebuild(f, t)))
}

/// SQLite's rules for ADD COLUMN: no PRIMARY KEY/UNIQUE (those are constraints, unchanged here), not
/// STORED generated, NOT NULL only with a non-NULL default, and a constant default.
fn addable(c: &Column) -> bool {
    if c.generated.is_some() && !c.generated_virtual {
        return false;
    }
    let constant = match &c.default {
        None => true,
        Some(d) => super::emit::is_literal(d) && !d.to_uppercase().starts_with("CURRENT_"),
    };
    let nn_ok = !c.not_null || c.default.as_deref().is_some_and(|d| !d.eq_ignore_ascii_case("NULL"));
    constant && nn_ok
}

/// Whether column `col` of `t` is named by an index, trigger or view, or a generated column of `t`.
fn mentioned_elsewhere(cat: &Catalog, t: &Table, col: &str) -> bool {
    let names = |sql: &str| {
        tokenize(sql).into_iter().any(|tok| {
            matches!(tok.tok, Tok::Word(_) | Tok::Ident(_)) && tok.name().is_some_and(|n| n.eq_ignore_ascii_case(col))
        })
    };
    cat.indexes.values().any(|i| i.table == t.name && names(&i.definition))
        || cat.triggers.values().any(|tr| names(&tr.definition))
        || cat.views.values().any(|v| names(&v.definition))
        || t.columns.iter().any(|c| c.generated.as_deref().is_some_and(names))
}

fn rebuild(f: &Table, t: &Table) -> Step {
    let q = &t.name;
    let copy: Vec<String> = t
        .columns
        .iter()
        .filter(|c| c.generated.is_none() && f.column(&c.name).is_some())
        .map(|c| c.name.clone())
        .collect();
    let mut hazards =
        vec![Hazard::new(HazardKind::TableRewrite, format!("{} is rebuilt (copied into a new table)", q.name))];
    let dropped: Vec<&str> = f
        .columns
        .iter()
        .filter(|c| c.generated.is_none() && !copy.contains(&c.name))
        .map(|c| c.name.as_str())
        .collect();
    if !dropped.is_empty() {
        hazards.push(Hazard::deletes(format!("columns {} of {} and their values", dropped.join(", "), q.name)));
    }
    let mut risky = Vec::new();
    for c in &t.columns {
        match f.column(&c.name) {
            None if c.not_null && c.default.is_none() && c.generated.is_none() => {
                risky.push(format!("new NOT NULL column {} without a default", c.name))
            }
            Some(o) if c.not_null && !o.not_null && null_fill(f, t, &c.name).is_none() => {
                risky.push(format!("{} becomes NOT NULL (no default to fill NULLs with)", c.name))
            }
            Some(o) if o.data_type != c.data_type && t.sqlite.is_some_and(|s| s.strict) => {
                risky.push(format!("{} changes type in a STRICT table", c.name))
            }
            _ => {}
        }
    }
    for (name, c) in &t.constraints {
        if f.constraints.get(name).map(|x| &x.definition) != Some(&c.definition) {
            risky.push(format!("constraint {name} is checked against existing rows"));
        }
    }
    if !risky.is_empty() {
        hazards.push(Hazard::new(HazardKind::MayFail, risky.join("; ")));
    }
    step(Op::Rebuild { from: f.clone(), to: t.clone(), copy }, hazards)
}

/// For a column that becomes NOT NULL and has a constant default, the default that replaces NULLs while
/// the rows are copied (so the rebuild cannot fail on them).
pub fn null_fill(from: &Table, to: &Table, column: &str) -> Option<String> {
    let (o, c) = (from.column(column)?, to.column(column)?);
    let d = c.default.as_deref()?;
    (c.not_null && !o.not_null && super::emit::is_literal(d) && !d.eq_ignore_ascii_case("NULL")).then(|| d.to_string())
}

/// What `me` needs among objects of `kind`: a range of the sorted dependency set, not a scan of it.
fn needs_of(cat: &Catalog, me: &ObjectId, kind: crate::model::Kind) -> Vec<QName> {
    let lowest = ObjectId::new(crate::model::Kind::Schema, "", "", "");
    cat.depends
        .range((me.clone(), lowest)..)
        .take_while(|(a, _)| a == me)
        .filter(|(_, b)| b.kind == kind)
        .map(|(_, b)| QName::new(&b.schema, &b.name))
        .collect()
}

/// Tables in foreign key order (referenced first); cycles, legal in SQLite, fall back to name order.
fn table_order(cat: &Catalog) -> Vec<QName> {
    use crate::model::Kind;
    let ids: Vec<&QName> = cat.tables.keys().collect();
    let edges = |q: &QName| needs_of(cat, &ObjectId::of(Kind::Table, q), Kind::Table);
    toposort(&ids, edges).unwrap_or_else(|_| ids.into_iter().cloned().collect())
}

/// Views in dependency order (a view after the views it reads). A cycle is a typed error.
fn view_order(cat: &Catalog) -> crate::Result<Vec<QName>> {
    use crate::model::Kind;
    let ids: Vec<&QName> = cat.views.keys().collect();
    let edges = |q: &QName| needs_of(cat, &ObjectId::of(Kind::View, q), Kind::View);
    toposort(&ids, edges).map_err(crate::Error::Cycle)
}

/// Stable topological order of `ids` where `needs(x)` must come before `x`.
fn toposort(ids: &[&QName], needs: impl Fn(&QName) -> Vec<QName>) -> Result<Vec<QName>, String> {
    let mut g: DiGraph<QName, ()> = DiGraph::new();
    let index: BTreeMap<&QName, _> = ids.iter().map(|q| (*q, g.add_node((*q).clone()))).collect();
    for q in ids {
        for n in needs(q) {
            if let Some(&from) = index.get(&n) {
                g.add_edge(from, index[q], ());
            }
        }
    }
    // Kahn's algorithm, always taking the smallest ready name: deterministic output.
    let mut indeg: Vec<usize> = g.node_indices().map(|n| g.neighbors_directed(n, petgraph::Incoming).count()).collect();
    let mut ready: BTreeSet<(QName, usize)> =
        g.node_indices().filter(|n| indeg[n.index()] == 0).map(|n| (g[n].clone(), n.index())).collect();
    let mut out = Vec::new();
    while let Some(first) = ready.pop_first() {
        let n = petgraph::graph::NodeIndex::new(first.1);
        out.push(first.0);
        for m in g.neighbors_directed(n, petgraph::Outgoing) {
            indeg[m.index()] -= 1;
            if indeg[m.index()] == 0 {
                ready.insert((g[m].clone(), m.index()));
            }
        }
    }
    if out.len() < ids.len() {
        let stuck: Vec<String> = g.node_indices().filter(|n| indeg[n.index()] > 0).map(|n| g[n].to_string()).collect();
        return Err(stuck.join(", "));
    }
    Ok(out)
}
