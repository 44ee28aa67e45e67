//! Decoding of table constraints and indexes: primary keys, foreign keys and plain indexes are rendered
//! here (render.rs) from raw catalog arrays; the few the inspector cannot render are deparsed by the
//! server in one last query by OID (`Pending`).

use super::depends::OidMap;
use super::exprs::{self, Function, Operator};
use super::nodetree::{null_test_predicate, Context};
use super::relations::TableOids;
use super::render::{self, Columns, Quoter};
use super::rows::get;
use super::{decode_err, Failure};
use crate::model::*;
use postgres::Row;

/// What rendering needs: identifier quoting, column names, and the relations in scope.
pub(super) struct Keys<'a> {
    pub quoter: &'a Quoter,
    pub cols: &'a Columns,
    pub tables: &'a TableOids,
}

/// Objects left for the server to deparse, by OID.
#[derive(Default)]
pub(super) struct Pending {
    constraints: Vec<(u32, QName, String)>,
    indexes: Vec<(u32, QName, String)>,
}

impl Pending {
    pub fn oids(&self) -> (Vec<u32>, Vec<u32>) {
        (self.constraints.iter().map(|c| c.0).collect(), self.indexes.iter().map(|i| i.0).collect())
    }
}

/// `pg_get_constraintdef` text without its ` NOT VALID` suffix: that state is the model's `validated`.
fn without_not_valid(mut d: String) -> String {
    if let Some(stripped) = d.strip_suffix(" NOT VALID") {
        d.truncate(stripped.len());
    }
    d
}

pub(super) fn constraints(
    cat: &mut Catalog,
    oids: &mut OidMap,
    keys: &Keys,
    pending: &mut Pending,
    rows: impl Iterator<Item = Row>,
) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let table_oid: u32 = get(r, "table_oid")?;
        let Some(tname) = keys.tables.get(&table_oid) else {
            continue;
        };
        let name: String = get(r, "name")?;
        let id = ObjectId::constraint(tname, &name);
        let kind_code: &str = get(r, "kind")?;
        let kind =
            ConstraintKind::try_from(kind_code).map_err(|e| decode_err(format!("constraint {name} on {tname}"), e))?;
        let oid: u32 = get(r, "oid")?;
        oids.constraints.insert(oid, id.clone());
        if let Some(index_oid) = get::<Option<u32>>(r, "index_oid")? {
            oids.classes.insert(index_oid, id);
        }
        let check: Option<&str> = get(r, "check_tree")?;
        let definition = match get::<Option<String>>(r, "definition")? {
            Some(d) => without_not_valid(d),
            None if check.is_some() => {
                let op: Option<Vec<String>> = get(r, "check_operator")?;
                let rendered = op.as_deref().and_then(Operator::from_parts).and_then(|op| {
                    exprs::comparison(check.unwrap_or_default(), table_oid, keys.cols, keys.quoter, &op)
                });
                match rendered {
                    Some(e) => format!("CHECK ({e})"),
                    None => {
                        pending.constraints.push((oid, tname.clone(), name.clone()));
                        String::new()
                    }
                }
            }
            None => {
                let ref_oid: u32 = get(r, "ref_table")?;
                // The key count of a primary key's index, then all its attnums.
                let index_keys: Vec<i16> = get::<Option<Vec<i16>>>(r, "index_keys")?.unwrap_or_default();
                let (index_key_count, index_keys) = match index_keys.split_first() {
                    Some((n, rest)) => (*n.max(&0) as usize, rest),
                    None => (0, &[][..]),
                };
                let c = render::KeyConstraint {
                    kind: kind_code,
                    table: table_oid,
                    keys: &get::<Option<Vec<i16>>>(r, "keys")?.unwrap_or_default(),
                    index_key_count,
                    index_keys,
                    ref_table: keys.tables.get(&ref_oid).map(|q| (q.schema.as_str(), q.name.as_str(), ref_oid)),
                    ref_keys: &get::<Option<Vec<i16>>>(r, "ref_keys")?.unwrap_or_default(),
                    match_type: get(r, "match_type")?,
                    on_update: get(r, "on_update")?,
                    on_delete: get(r, "on_delete")?,
                    deferrable: get(r, "deferrable")?,
                    deferred: get(r, "deferred")?,
                };
                match render::key_constraint(keys.quoter, keys.cols, &c) {
                    Some(d) => d,
                    None => {
                        pending.constraints.push((oid, tname.clone(), name.clone()));
                        String::new()
                    }
                }
            }
        };
        let mut index_options: Vec<String> = get(r, "index_options")?;
        index_options.sort();
        let validated: bool = get(r, "validated")?;
        let con =
            Constraint { name: name.clone(), kind, definition, validated, index_options, comment: get(r, "comment")? };
        if let Some(t) = cat.tables.get_mut(tname) {
            t.constraints.insert(name, con);
        }
    }
    Ok(())
}

pub(super) fn indexes(
    cat: &mut Catalog,
    oids: &mut OidMap,
    keys: &Keys,
    pending: &mut Pending,
    rows: impl Iterator<Item = Row>,
) -> Result<(), Failure> {
    for r in rows {
        let r = &r;
        let table_oid: u32 = get(r, "table_oid")?;
        let Some(table) = keys.tables.get(&table_oid) else {
            continue;
        };
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        let oid: u32 = get(r, "oid")?;
        oids.classes.insert(oid, ObjectId::of(Kind::Index, &name));
        let definition = match get::<Option<String>>(r, "definition")? {
            Some(d) => d,
            None => {
                // A predicate of NULL tests comes as its stored tree (render it here); other predicates
                // come deparsed.
                let tree: Option<&str> = get(r, "predicate_tree")?;
                let enums = |t: u32| oids.types.get(&t).is_some_and(|id| id.kind == Kind::Enum);
                let cx = Context { cols: keys.cols, quoter: keys.quoter, user_scalar: &enums };
                let from_tree = tree.map(|t| null_test_predicate(t, table_oid, &cx));
                let predicate: Option<&str> = match &from_tree {
                    Some(rendered) => rendered.as_deref(),
                    None => get(r, "predicate")?,
                };
                // An expression key: one call of a built-in function on a column (else the server's).
                let expr_tree: Option<&str> = get(r, "expr_tree")?;
                let function: Option<Vec<String>> = get(r, "expr_function")?;
                let expression = match expr_tree {
                    None => Some(None),
                    Some(tree) => function
                        .as_deref()
                        .and_then(Function::from_parts)
                        .and_then(|f| exprs::function_call(tree, table_oid, keys.cols, keys.quoter, &f))
                        .map(Some),
                };
                let i = render::PlainIndex {
                    name: &name.name,
                    schema: &name.schema,
                    table_name: get(r, "table_name")?,
                    table: table_oid,
                    method: get(r, "method")?,
                    unique: get(r, "is_unique")?,
                    nulls_not_distinct: get(r, "nulls_not_distinct")?,
                    keys: &get::<Vec<i16>>(r, "keys")?,
                    key_count: get::<i32>(r, "key_count")?.max(0) as usize,
                    options: &get::<Vec<i16>>(r, "options")?,
                    collations: &get::<Vec<u32>>(r, "collations")?,
                    predicate,
                    expression: expression.as_ref().and_then(|e| e.as_ref().map(|(t, c)| (t.as_str(), *c))),
                };
                let rendered = match (&from_tree, &expression) {
                    (Some(None), _) | (_, None) => None,
                    _ => render::plain_index(keys.quoter, keys.cols, &i),
                };
                match rendered {
                    Some(d) => d,
                    None => {
                        pending.indexes.push((oid, name.clone(), keys.quoter.quote(&name.name)));
                        String::new()
                    }
                }
            }
        };
        let index = Index { name: name.clone(), table: table.clone(), definition, comment: get(r, "comment")? };
        cat.indexes.insert(name, index);
    }
    Ok(())
}

/// Fill in what the server deparsed for `Pending` objects.
pub(super) fn deparsed(cat: &mut Catalog, pending: Pending, rows: Vec<Row>) -> Result<(), Failure> {
    let mut texts = std::collections::HashMap::with_capacity(rows.len());
    for r in &rows {
        let kind: &str = get(r, "kind")?;
        texts.insert((kind == "i", get::<u32>(r, "oid")?), get::<String>(r, "definition")?);
    }
    let mut take = |index: bool, oid: u32, what: &dyn std::fmt::Display| {
        texts.remove(&(index, oid)).ok_or_else(|| decode_err(what.to_string(), "the server did not deparse it"))
    };
    for (oid, table, name) in pending.constraints {
        let d = without_not_valid(take(false, oid, &format_args!("constraint {name} on {table}"))?);
        if let Some(c) = cat.tables.get_mut(&table).and_then(|t| t.constraints.get_mut(&name)) {
            c.definition = d;
        }
    }
    for (oid, name, quoted) in pending.indexes {
        let d = take(true, oid, &format_args!("index {name}"))?;
        // A partitioned table's index is written ON ONLY; the model's is the cascading form.
        let d = d.replacen(&format!(" INDEX {quoted} ON ONLY "), &format!(" INDEX {quoted} ON "), 1);
        if let Some(i) = cat.indexes.get_mut(&name) {
            i.definition = d;
        }
    }
    Ok(())
}
