//! Constraints: added (NOT VALID then validated in online mode), dropped, validated.

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{decode_err, Decoding, Failure};
use crate::pg::inspect::{exprs, render};
use crate::pg::prelude::*;
use postgres::Row;

/// What pgdrift does to a constraint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ConstraintOp {
    Add { table: QName, constraint: Constraint },
    Drop { table: QName, name: String },
    Validate { table: QName, name: String },
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &ConstraintOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        ConstraintOp::Add { table, constraint } => one(format!(
            "ALTER TABLE {} ADD CONSTRAINT {} {}{};",
            table.sql(),
            Ident(&constraint.name),
            constraint_definition(constraint),
            if constraint.validated { "" } else { " NOT VALID" }
        )),
        ConstraintOp::Drop { table, name } => {
            one(format!("ALTER TABLE {} DROP CONSTRAINT {};", table.sql(), Ident(name)))
        }
        ConstraintOp::Validate { table, name } => {
            one(format!("ALTER TABLE {} VALIDATE CONSTRAINT {};", table.sql(), Ident(name)))
        }
    }
}
/// `pg_get_constraintdef` leaves out the storage parameters of a constraint's index; put them back where
/// the grammar wants them (index parameters come before DEFERRABLE and before an exclusion's WHERE).
fn constraint_definition(c: &Constraint) -> String {
    if c.index_options.is_empty() {
        return c.definition.clone();
    }
    let with = format!(" WITH ({})", c.index_options.join(", "));
    let cut = [" DEFERRABLE", " NOT DEFERRABLE", " WHERE ("].iter().filter_map(|k| c.definition.find(k)).min();
    match cut {
        Some(i) => format!("{}{with}{}", &c.definition[..i], &c.definition[i..]),
        None => format!("{}{with}", c.definition),
    }
}

/// `existing`: the table already has rows that the constraint is checked against.
pub(crate) fn add_constraint(out: &mut Vec<Change>, q: &QName, c: &Constraint, existing: bool) {
    let id = ObjectId::constraint(q, &c.name);
    let mut change = Change::new(
        Action::Create,
        id.clone(),
        Op::Constraint(ConstraintOp::Add { table: q.clone(), constraint: c.clone() }),
    );
    if existing && c.validated {
        change = change.with_hazard(Hazard::new(
            HazardKind::MayFail,
            format!("adds constraint {} on {q}: fails if existing rows violate it", c.name),
        ));
    }
    out.push(change);
    comment(out, id, CommentTarget::Constraint(q.clone(), c.name.clone()), None, &c.comment);
}

pub(crate) fn drop_constraint(q: &QName, name: &str) -> Change {
    let op = Op::Constraint(ConstraintOp::Drop { table: q.clone(), name: name.into() });
    Change::new(Action::Drop, ObjectId::constraint(q, name), op)
}

/// Rows of `sql/pg/constraint.sql`: primary and foreign keys rendered here from catalog arrays, simple
/// checks from their stored trees; the rest is left for the server to deparse by OID.
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, quoter, cols, tables, pending, .. } = d;
    for r in rows {
        let r = &r;
        let table_oid: u32 = get(r, "table_oid")?;
        let Some(tname) = tables.get(&table_oid) else {
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
            Some(d) => crate::pg::inspect::deparse::without_not_valid(d),
            None if check.is_some() => {
                let op: Option<Vec<String>> = get(r, "check_operator")?;
                let rendered = op
                    .as_deref()
                    .and_then(exprs::Operator::from_parts)
                    .and_then(|op| exprs::comparison(check.unwrap_or_default(), table_oid, cols, quoter, &op));
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
                    ref_table: tables.get(&ref_oid).map(|q| (q.schema.as_str(), q.name.as_str(), ref_oid)),
                    ref_keys: &get::<Option<Vec<i16>>>(r, "ref_keys")?.unwrap_or_default(),
                    match_type: get(r, "match_type")?,
                    on_update: get(r, "on_update")?,
                    on_delete: get(r, "on_delete")?,
                    deferrable: get(r, "deferrable")?,
                    deferred: get(r, "deferred")?,
                };
                match render::key_constraint(quoter, cols, &c) {
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
