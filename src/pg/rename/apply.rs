//! FROM re-expressed under new names, as PostgreSQL leaves a database after `ALTER .. RENAME`: keys,
//! references by name (ids in grants, owners and dependencies, parents, owned sequences, publication
//! members) and the definitions the server prints with the name in them.

use super::text;
use super::RenameOp;
use crate::model::{Catalog, Kind, ObjectId, QName, ReplicaIdentity};
use std::collections::BTreeMap;

pub(super) fn rename(cat: &mut Catalog, r: &RenameOp) -> Result<(), String> {
    match r {
        RenameOp::Table { table, to, .. } => table_renamed(cat, table, to),
        RenameOp::Column { table, column, to } => column_renamed(cat, table, column, to),
        RenameOp::Index { index, to } => {
            let new = QName::new(&index.schema, to);
            if let Some(mut i) = cat.indexes.remove(index) {
                i.definition = replace_index_name(&i.definition, &index.name, to);
                i.name = new.clone();
                if let Some(t) = cat.tables.get_mut(&i.table) {
                    if t.replica_identity == Some(ReplicaIdentity::UsingIndex(index.name.clone())) {
                        t.replica_identity = Some(ReplicaIdentity::UsingIndex(to.clone()));
                    }
                }
                cat.indexes.insert(new, i);
            }
            let (old_id, new_id) =
                (ObjectId::of(Kind::Index, index), ObjectId::of(Kind::Index, &QName::new(&index.schema, to)));
            ids(cat, |id| if *id == old_id { Some(new_id.clone()) } else { None });
        }
        RenameOp::Constraint { table, constraint, to } => {
            if let Some(t) = cat.tables.get_mut(table) {
                if let Some(mut c) = t.constraints.remove(constraint.as_str()) {
                    c.name = to.clone();
                    t.constraints.insert(to.clone(), c);
                }
            }
            let (old_id, new_id) = (ObjectId::constraint(table, constraint), ObjectId::constraint(table, to));
            ids(cat, |id| if *id == old_id { Some(new_id.clone()) } else { None });
        }
        RenameOp::View { view, to, .. } => {
            let new = QName::new(&view.schema, to);
            if let Some(mut v) = cat.views.remove(view) {
                v.name = new.clone();
                cat.views.insert(new.clone(), v);
            }
            for v in cat.views.values_mut() {
                v.definition = text::qualified(&v.definition, &[&view.schema], &view.name, to);
            }
            for i in cat.indexes.values_mut().filter(|i| i.table == *view) {
                i.table = new.clone();
                i.definition = text::qualified(&i.definition, &[&view.schema], &view.name, to);
            }
            rekey(&mut cat.triggers, view, &new, |t| &mut t.table);
            rekey(&mut cat.rules, view, &new, |r| &mut r.table);
            for s in cat.statistics.values_mut().filter(|s| s.table == *view) {
                s.table = new.clone();
                s.definition = text::qualified(&s.definition, &[&view.schema], &view.name, to);
            }
            relation_ids(cat, Kind::View, view, &new);
        }
        RenameOp::Sequence { sequence, to } => {
            let new = QName::new(&sequence.schema, to);
            if let Some(mut s) = cat.sequences.remove(sequence) {
                s.name = new.clone();
                cat.sequences.insert(new.clone(), s);
            }
            for t in cat.tables.values_mut() {
                for c in &mut t.columns {
                    if let Some(i) = c.identity.as_mut().and_then(|i| i.sequence.as_mut()).filter(|q| *q == sequence) {
                        *i = new.clone();
                    }
                }
            }
            // Defaults print the sequence as a regclass literal: 'schema.name'::regclass (or 'name' on the path).
            for t in cat.tables.values_mut() {
                for c in &mut t.columns {
                    if let Some(d) = &mut c.default {
                        *d = d.replace(
                            &format!("'{}'::regclass", as_printed(sequence)),
                            &format!("'{}'::regclass", as_printed(&new)),
                        );
                    }
                }
            }
            relation_ids(cat, Kind::Sequence, sequence, &new);
            let (old_owner, new_owner) =
                (ObjectId::of(Kind::SequenceOwner, sequence), ObjectId::of(Kind::SequenceOwner, &new));
            ids(cat, |id| if *id == old_owner { Some(new_owner.clone()) } else { None });
        }
        RenameOp::EnumValue { type_name, value, to } => {
            if let Some(e) = cat.enums.get_mut(type_name) {
                for l in e.labels.iter_mut().filter(|l| *l == value) {
                    *l = to.clone();
                }
            }
            // Literals of the old value in defaults and checks would print the new one: `'old'::schema.type`.
            let old_literal = format!("'{}'::", value.replace('\'', "''"));
            let new_literal = format!("'{}'::", to.replace('\'', "''"));
            for t in cat.tables.values_mut() {
                for c in &mut t.columns {
                    if let Some(d) = &mut c.default {
                        *d = d.replace(&old_literal, &new_literal);
                    }
                }
            }
        }
    }
    Ok(())
}

/// A relation as the server prints it qualified: `schema.name`, each quoted as needed (a sequence in a
/// default's regclass literal, a table after REFERENCES).
fn as_printed(q: &QName) -> String {
    format!("{}.{}", crate::model::QuotedAsNeeded(&q.schema), crate::model::QuotedAsNeeded(&q.name))
}

/// `CREATE [UNIQUE] INDEX old ON ..` -> `.. INDEX new ON ..`.
pub(super) fn replace_index_name(def: &str, old: &str, new: &str) -> String {
    let from = format!("INDEX {} ON ", crate::model::QuotedAsNeeded(old));
    let to = format!("INDEX {} ON ", crate::model::QuotedAsNeeded(new));
    def.replacen(&from, &to, 1)
}

/// Re-key the objects of a table (triggers, rules, policies) from `old` to `new`.
fn rekey<T>(map: &mut BTreeMap<(QName, String), T>, old: &QName, new: &QName, table: impl Fn(&mut T) -> &mut QName) {
    let keys: Vec<(QName, String)> = map.keys().filter(|(t, _)| t == old).cloned().collect();
    for k in keys {
        if let Some(mut v) = map.remove(&k) {
            *table(&mut v) = new.clone();
            map.insert((new.clone(), k.1), v);
        }
    }
}

/// Every object id in grants, owners, ACL owners, extension members' grants and dependencies, mapped by `f`
/// (None: unchanged).
fn ids(cat: &mut Catalog, f: impl Fn(&ObjectId) -> Option<ObjectId>) {
    let map = |id: &ObjectId| f(id).unwrap_or_else(|| id.clone());
    cat.grants = std::mem::take(&mut cat.grants)
        .into_iter()
        .map(|mut g| {
            g.on = map(&g.on);
            g
        })
        .collect();
    cat.owners = std::mem::take(&mut cat.owners)
        .into_iter()
        .map(|mut o| {
            o.on = map(&o.on);
            o
        })
        .collect();
    cat.acl_owners = std::mem::take(&mut cat.acl_owners).into_iter().map(|(k, v)| (map(&k), v)).collect();
    cat.depends = std::mem::take(&mut cat.depends).into_iter().map(|(a, b)| (map(&a), map(&b))).collect();
}

/// Ids of a relation and of what lives on it (columns, constraints, triggers, policies, rules, its parent
/// link) moved from `old` to `new`.
fn relation_ids(cat: &mut Catalog, kind: Kind, old: &QName, new: &QName) {
    ids(cat, |id| {
        let on_it = id.schema == old.schema.as_str() && id.name == old.name.as_str();
        // The relation itself, and what lives on it.
        let moves = id.kind == kind
            || matches!(
                id.kind,
                Kind::Column | Kind::Constraint | Kind::Trigger | Kind::Policy | Kind::Rule | Kind::TableParent
            );
        (on_it && moves).then(|| ObjectId::new(id.kind, &new.schema, &new.name, &id.sub))
    });
}

fn table_renamed(cat: &mut Catalog, old: &QName, to: &str) {
    let new = QName::new(&old.schema, to);
    if let Some(mut t) = cat.tables.remove(old) {
        t.name = new.clone();
        cat.tables.insert(new.clone(), t);
    }
    let qualify = |s: &str| text::qualified(s, &[&old.schema], &old.name, to);
    for t in cat.tables.values_mut() {
        for c in t.constraints.values_mut() {
            c.definition = qualify(&c.definition);
        }
        if let Some(p) = t.lineage.partition_of.as_mut().filter(|p| p.parent == *old) {
            p.parent = new.clone();
        }
        for p in t.lineage.inherits.iter_mut().filter(|p| *p == old) {
            *p = new.clone();
        }
    }
    for i in cat.indexes.values_mut() {
        if i.table == *old {
            i.table = new.clone();
        }
        i.definition = qualify(&i.definition);
    }
    for v in cat.views.values_mut() {
        v.definition = qualify(&v.definition);
        // Columns print qualified by the table's name where no alias is given.
        v.definition = text::qualifier(&v.definition, &old.name, to);
    }
    rekey(&mut cat.triggers, old, &new, |t| &mut t.table);
    for t in cat.triggers.values_mut() {
        t.definition = qualify(&t.definition);
    }
    rekey(&mut cat.policies, old, &new, |p| &mut p.table);
    for p in cat.policies.values_mut() {
        p.using = p.using.as_deref().map(qualify);
        p.check = p.check.as_deref().map(qualify);
    }
    rekey(&mut cat.rules, old, &new, |r| &mut r.table);
    for r in cat.rules.values_mut() {
        r.definition = qualify(&r.definition);
    }
    for s in cat.statistics.values_mut() {
        if s.table == *old {
            s.table = new.clone();
        }
        s.definition = qualify(&s.definition);
    }
    for s in cat.sequences.values_mut() {
        if let Some((t, _)) = s.owned_by.as_mut().filter(|(t, _)| t == old) {
            *t = new.clone();
        }
    }
    for p in cat.publications.values_mut() {
        for t in p.tables.iter_mut().filter(|t| *t == old) {
            *t = new.clone();
        }
        for f in p.filters.iter_mut().filter(|f| f.table == *old) {
            f.table = new.clone();
        }
    }
    relation_ids(cat, Kind::Table, old, &new);
}

fn column_renamed(cat: &mut Catalog, table: &QName, old: &str, to: &str) {
    let Some(t) = cat.tables.get_mut(table) else { return };
    for c in t.columns.iter_mut().filter(|c| c.name == old) {
        c.name = to.to_string();
    }
    let bare = |s: &str| text::bare(s, old, to);
    for c in t.constraints.values_mut() {
        c.definition = bare(&c.definition);
    }
    for c in &mut t.columns {
        c.generated = c.generated.as_deref().map(bare);
    }
    if let Some(f) = t.foreign.as_mut() {
        if let Some(o) = f.column_options.remove(old) {
            f.column_options.insert(to.to_string(), o);
        }
    }
    // Foreign keys elsewhere name it after `REFERENCES schema.table(`.
    let reference = format!("REFERENCES {}(", as_printed(table));
    for other in cat.tables.values_mut() {
        for c in other.constraints.values_mut() {
            if let Some(at) = c.definition.find(&reference) {
                let (head, tail) = c.definition.split_at(at + reference.len());
                let close = tail.find(')').unwrap_or(tail.len());
                c.definition = format!("{head}{}{}", text::bare(&tail[..close], old, to), &tail[close..]);
            }
        }
    }
    for i in cat.indexes.values_mut().filter(|i| i.table == *table) {
        i.definition = bare(&i.definition);
    }
    // Views are left as they were: PostgreSQL keeps a view's output column name (`t.new AS old`), which a
    // view declared afresh under the new name does not, so the view is replaced by the diff if it differs.
    for ((t, _), g) in cat.triggers.iter_mut() {
        if t == table {
            g.definition = text::qualified(&bare(&g.definition), &["new", "old"], old, to);
        }
    }
    for ((t, _), p) in cat.policies.iter_mut() {
        if t == table {
            p.using = p.using.as_deref().map(bare);
            p.check = p.check.as_deref().map(bare);
        }
    }
    for s in cat.statistics.values_mut().filter(|s| s.table == *table) {
        s.definition = bare(&s.definition);
    }
    for s in cat.sequences.values_mut() {
        if let Some((_, c)) = s.owned_by.as_mut().filter(|(t, c)| t == table && c == old) {
            *c = to.to_string();
        }
    }
    for p in cat.publications.values_mut() {
        for f in p.filters.iter_mut().filter(|f| f.table == *table) {
            f.row_filter = f.row_filter.as_deref().map(bare);
            if let Some(cols) = f.columns.as_mut() {
                for c in cols.iter_mut().filter(|c| *c == old) {
                    *c = to.to_string();
                }
            }
        }
    }
    let (old_id, new_id) = (ObjectId::column(table, old), ObjectId::column(table, to));
    ids(cat, |id| if *id == old_id { Some(new_id.clone()) } else { None });
}
