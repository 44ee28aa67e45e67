//! The dependency graph over changes (petgraph) and its stable topological order.
//!
//! Edges, from the dependencies recorded in FROM (`pg_depend` + structure) and TO:
//! 1. a creation or alteration of O comes after the creations/alterations of what O needs in TO;
//! 2. a drop (or rebuild) of O comes after the drops and alterations of what depends on O in FROM;
//! 3. anything touching O comes after the drops of what depends on O in FROM;
//! 4. for one object: drop, then create, then alterations in the order the diff produced them;
//! 5. a change comes after every change (drop, creation, alteration) of what it explicitly `needs`.
//!
//! Ties are broken by (drops first, object kind, object id, diff order), so output is deterministic.

use crate::error::{Error, Result};
use crate::model::{Catalog, Kind, ObjectId};
use crate::pg::kinds::FunctionOp;
use crate::pg::{Action, Change, Op, Phase};
use petgraph::graph::{DiGraph, NodeIndex};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

fn index_deps(c: &Catalog, reverse: bool) -> HashMap<&ObjectId, Vec<&ObjectId>> {
    let mut m: HashMap<&ObjectId, Vec<&ObjectId>> = HashMap::with_capacity(c.depends.len());
    for (dep, refd) in &c.depends {
        if reverse {
            m.entry(refd).or_default().push(dep);
        } else {
            m.entry(dep).or_default().push(refd);
        }
    }
    m
}

fn removes_old(c: &Change) -> bool {
    c.action == Action::Drop || c.op.is_rebuild()
}

/// Changes in execution order, each with the positions (in that order) of the changes it must follow.
pub type Ordered = Vec<(Change, Vec<usize>)>;

/// Which changes make (create or alter), drop and alter each object.
struct Roles<'a> {
    makers: HashMap<&'a ObjectId, Vec<usize>>,
    droppers: HashMap<&'a ObjectId, Vec<usize>>,
    alterers: HashMap<&'a ObjectId, Vec<usize>>,
}

impl<'a> Roles<'a> {
    fn of(changes: &'a [Change]) -> Self {
        let mut makers: HashMap<&ObjectId, Vec<usize>> = HashMap::new();
        let mut droppers: HashMap<&ObjectId, Vec<usize>> = HashMap::new();
        let mut alterers: HashMap<&ObjectId, Vec<usize>> = HashMap::new();
        for (i, c) in changes.iter().enumerate() {
            for o in c.objects() {
                match c.action {
                    Action::Drop => droppers.entry(o).or_default().push(i),
                    // Nothing needs a comment to exist.
                    Action::Alter if matches!(c.op, Op::Comment { .. }) => {}
                    Action::Create | Action::Alter => makers.entry(o).or_default().push(i),
                }
                if c.action == Action::Alter {
                    alterers.entry(o).or_default().push(i);
                }
            }
        }
        Roles { makers, droppers, alterers }
    }
}

fn get(m: &HashMap<&ObjectId, Vec<usize>>, o: &ObjectId) -> Vec<usize> {
    m.get(o).cloned().unwrap_or_default()
}

/// The hard edges (rules 1-5 above), sorted and without duplicates.
fn hard_edges(changes: &[Change], from: &Catalog, to: &Catalog, roles: &Roles) -> Vec<(usize, usize)> {
    let needs_to = index_deps(to, false);
    let dependents_from = index_deps(from, true);
    let Roles { makers, droppers, alterers } = roles;
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for (i, c) in changes.iter().enumerate() {
        // A rename needs nothing but its object, which FROM has (renames run in their own phase, in the
        // order they were declared): no rule 1 for it.
        if c.action != Action::Drop && !matches!(c.op, Op::Rename(_)) {
            // Rule 1.
            for o in c.objects() {
                let structural = to.structural_parents(o);
                for p in needs_to.get(o).into_iter().flatten().copied().chain(structural.iter()) {
                    // What the change makes itself (a new table's columns need the table) is no edge.
                    if c.objects().any(|x| x == p) {
                        continue;
                    }
                    edges.extend(get(makers, p).into_iter().map(|j| (j, i)));
                }
            }
        }
        // Explicit needs hold for drops too (a column is dropped after its table is detached), and wait for
        // the drops of what is needed as well (a column's default is set after its identity is dropped).
        for n in &c.needs {
            edges.extend(get(makers, n).into_iter().chain(get(droppers, n)).map(|j| (j, i)));
        }
        let olds: Vec<&ObjectId> = if c.action == Action::Drop { c.objects().collect() } else { vec![&c.id] };
        for o in c.objects() {
            for q in dependents_from.get(o).into_iter().flatten() {
                // Rule 3. A table's own columns and constraints do not block changes to the table itself.
                let part_of_table = o.kind == Kind::Table && q.table().as_ref() == o.table().as_ref();
                if !part_of_table && !c.op.indifferent_to_dependents() {
                    edges.extend(get(droppers, q).into_iter().map(|j| (j, i)));
                }
                // Rule 2. Alterations of a dependent that is itself dropped (and recreated) belong to the new
                // object; comments never remove a dependency.
                if removes_old(c) && olds.contains(&o) && !c.covers.contains(q) && !droppers.contains_key(q) {
                    let alters = get(alterers, q).into_iter().filter(|&j| !matches!(changes[j].op, Op::Comment { .. }));
                    edges.extend(alters.map(|j| (j, i)));
                }
            }
        }
        // Rule 2, structurally: a schema is dropped after everything in it is dropped or moved.
        if c.action == Action::Drop && c.id.kind == Kind::Schema {
            for (j, other) in changes.iter().enumerate() {
                let inside = other.id.schema == c.id.name
                    || (other.id.kind == Kind::Extension
                        && from.extensions.get(other.id.name.as_str()).is_some_and(|e| e.schema == c.id.name));
                if j != i && inside && other.action != Action::Create {
                    edges.push((j, i));
                }
            }
        }
        // Rule 4: a drop of O precedes every creation or alteration of O.
        if c.action == Action::Drop {
            for o in c.objects() {
                edges.extend(get(makers, o).into_iter().map(|j| (i, j)));
            }
        }
    }
    // Rule 4: creations and alterations of one object keep their order.
    let mut by_id: HashMap<&ObjectId, Vec<usize>> = HashMap::new();
    for (i, c) in changes.iter().enumerate() {
        if c.action != Action::Drop {
            by_id.entry(&c.id).or_default().push(i);
        }
    }
    for list in by_id.values_mut() {
        list.sort_by_key(|&i| (changes[i].action, i));
        edges.extend(list.windows(2).map(|w| (w[0], w[1])));
    }
    edges.retain(|(a, b)| a != b);
    edges.sort_unstable();
    edges.dedup();

    edges
}

/// Order changes so that each runs after everything it needs, phase by phase (`Op::phase`: roles, renames,
/// everything else, role drops).
pub fn order(changes: Vec<Change>, from: &Catalog, to: &Catalog) -> Result<Ordered> {
    if changes.iter().all(|c| c.op.phase() == Phase::Main) {
        return order_within(changes, from, to);
    }
    let mut phases: Vec<Vec<Change>> = Phase::ALL.iter().map(|_| Vec::new()).collect();
    for c in changes {
        phases[c.op.phase() as usize].push(c);
    }
    let mut out: Ordered = Vec::new();
    for changes in phases {
        let offset = out.len();
        for (c, preds) in order_within(changes, from, to)? {
            out.push((c, preds.into_iter().map(|p| p + offset).collect()));
        }
    }
    Ok(out)
}

fn order_within(changes: Vec<Change>, from: &Catalog, to: &Catalog) -> Result<Ordered> {
    let roles = Roles::of(&changes);
    let mut edges = hard_edges(&changes, from, to, &roles);
    let mut graph: DiGraph<usize, ()> = DiGraph::with_capacity(changes.len(), edges.len());
    let nodes: Vec<NodeIndex> = (0..changes.len()).map(|i| graph.add_node(i)).collect();
    for (a, b) in &edges {
        graph.add_edge(nodes[*a], nodes[*b], ());
    }
    // Soft edges last: what function bodies name (pg::body) orders the plan unless it would close a cycle.
    let mut space = petgraph::algo::DfsSpace::new(&graph);
    let mut soft = Vec::new();
    for (a, b) in body_edges(&changes, to, &roles.makers) {
        if a == b || edges.binary_search(&(a, b)).is_ok() {
            continue;
        }
        if !petgraph::algo::has_path_connecting(&graph, nodes[b], nodes[a], Some(&mut space)) {
            graph.add_edge(nodes[a], nodes[b], ());
            soft.push((a, b));
        }
    }
    edges.extend(soft);
    let order = stable_order(&graph, &nodes, &changes)?;
    let mut position = vec![0; changes.len()];
    for (pos, &i) in order.iter().enumerate() {
        position[i] = pos;
    }
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); changes.len()];
    for (a, b) in &edges {
        preds[*b].push(position[*a]);
    }
    let mut slots: Vec<Option<(Change, Vec<usize>)>> = changes
        .into_iter()
        .zip(preds)
        .map(|(c, mut p)| {
            p.sort_unstable();
            Some((c, p))
        })
        .collect();
    Ok(order.into_iter().filter_map(|i| slots[i].take()).collect())
}

/// Kahn's algorithm with a heap: among the ready changes, drops first, then by kind, object id and diff
/// order, so the output is deterministic. A change left over means a cycle (a typed error naming it).
fn stable_order(graph: &DiGraph<usize, ()>, nodes: &[NodeIndex], changes: &[Change]) -> Result<Vec<usize>> {
    let key = |i: usize| {
        let c = &changes[i];
        (c.action != Action::Drop, c.id.kind, c.id.clone(), i)
    };
    let mut indegree: Vec<usize> =
        nodes.iter().map(|n| graph.neighbors_directed(*n, petgraph::Incoming).count()).collect();
    let mut ready: BinaryHeap<Reverse<_>> =
        (0..changes.len()).filter(|&i| indegree[i] == 0).map(|i| Reverse(key(i))).collect();
    let mut order = Vec::with_capacity(changes.len());
    while let Some(Reverse((_, _, _, i))) = ready.pop() {
        order.push(i);
        for n in graph.neighbors_directed(nodes[i], petgraph::Outgoing) {
            let j = graph[n];
            indegree[j] -= 1;
            if indegree[j] == 0 {
                ready.push(Reverse(key(j)));
            }
        }
    }
    if order.len() < changes.len() {
        return Err(Error::Cycle(describe_cycle(graph, changes)));
    }
    Ok(order)
}

/// (maker of X, creation of F) for each object X of TO that the body of a function F created or replaced
/// by the plan names.
fn body_edges(changes: &[Change], to: &Catalog, makers: &HashMap<&ObjectId, Vec<usize>>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, c) in changes.iter().enumerate() {
        let (Action::Create | Action::Alter, Op::Function(FunctionOp::Create(f))) = (c.action, &c.op) else {
            continue;
        };
        if let crate::pg::body::Tracking::Parsed(names) = crate::pg::body::track(&f.definition) {
            for r in crate::pg::body::references(f, &names, to) {
                out.extend(makers.get(&r).into_iter().flatten().map(|&j| (j, i)));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn describe_cycle(graph: &DiGraph<usize, ()>, changes: &[Change]) -> String {
    let sccs = petgraph::algo::tarjan_scc(graph);
    let cycle = sccs.into_iter().filter(|s| s.len() > 1).min_by_key(|s| s.len()).unwrap_or_default();
    let mut names: Vec<String> = cycle
        .iter()
        .map(|n| {
            let c = &changes[graph[*n]];
            format!("{:?} {}", c.action, c.id).to_lowercase()
        })
        .collect();
    names.sort();
    names.join(" -> ")
}
