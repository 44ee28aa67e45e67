//! Sequences: options, logging, OWNED BY; bounds moved in an order PostgreSQL accepts (`bounds.rs`).

use crate::pg::inspect::rows::get;
use crate::pg::inspect::{Decoding, Failure};
use crate::pg::prelude::*;
use postgres::Row;
use std::fmt::Write;

/// What pgdrift does to a sequence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum SequenceOp {
    Create(Sequence),
    Drop(QName),
    Alter {
        name: QName,
        data_type: Option<String>,
        /// The type FROM has (it bounds the range while the bounds move).
        from_type: String,
        from: SeqOptions,
        to: SeqOptions,
    },
    SetLogged {
        name: QName,
        unlogged: bool,
    },
    SetOwner {
        name: QName,
        owned_by: Option<(QName, String)>,
    },
}

/// Sequences owned by a column that is dropped (with its table or alone) are dropped by Postgres with it;
/// such drops are folded into the table or column drop (see table.rs), not emitted here.
pub(crate) fn diff(cx: &mut Diffing) {
    let (from, to, out) = (cx.from, cx.to, &mut cx.out);
    for p in pairs(&from.sequences, &to.sequences) {
        match p {
            Pair::Added(s) => {
                let id = ObjectId::of(Kind::Sequence, &s.name);
                let mut created = s.clone();
                created.owned_by = None;
                out.push(Change::new(Action::Create, id.clone(), Op::Sequence(SequenceOp::Create(created))));
                if let Some(owner) = &s.owned_by {
                    out.push(owner_change(s.name.clone(), Some(owner.clone())));
                }
                comment(out, id, CommentTarget::Sequence(s.name.clone()), None, &s.comment);
            }
            Pair::Removed(s) => {
                if owned_by_dropped_column(to, s) {
                    continue;
                }
                let mut drop = Change::new(
                    Action::Drop,
                    ObjectId::of(Kind::Sequence, &s.name),
                    Op::Sequence(SequenceOp::Drop(s.name.clone())),
                );
                // A serial becoming an identity column: its counter continues in the identity's sequence.
                if !owner_becomes_identity(to, s) {
                    drop =
                        drop.with_hazard(Hazard::deletes(format!("drops sequence {} and its current value", s.name)));
                }
                out.push(drop);
            }
            Pair::Both(a, b) => {
                let id = ObjectId::of(Kind::Sequence, &b.name);
                if a.data_type != b.data_type || a.options != b.options {
                    let data_type = (a.data_type != b.data_type).then(|| b.data_type.clone());
                    let op = Op::Sequence(SequenceOp::Alter {
                        name: b.name.clone(),
                        data_type,
                        from_type: a.data_type.clone(),
                        from: a.options.clone(),
                        to: b.options.clone(),
                    });
                    let mut change = Change::new(Action::Alter, id.clone(), op);
                    let what = format!("sequence {}", b.name);
                    change.hazards.extend(crate::pg::identity::bounds_hazard(&what, &a.options, &b.options));
                    out.push(change);
                }
                if a.unlogged != b.unlogged {
                    let op = Op::Sequence(SequenceOp::SetLogged { name: b.name.clone(), unlogged: b.unlogged });
                    out.push(Change::new(Action::Alter, id.clone(), op));
                }
                if a.owned_by != b.owned_by {
                    out.push(owner_change(b.name.clone(), b.owned_by.clone()));
                }
                comment(out, id, CommentTarget::Sequence(b.name.clone()), Some(&a.comment), &b.comment);
            }
        }
    }
}

fn owner_change(name: crate::model::QName, owned_by: Option<(crate::model::QName, String)>) -> Change {
    let id = ObjectId::of(Kind::SequenceOwner, &name);
    let needs: Vec<ObjectId> = owned_by.iter().map(|(t, c)| ObjectId::column(t, c)).collect();
    Change::new(Action::Alter, id, Op::Sequence(SequenceOp::SetOwner { name, owned_by })).needing(needs)
}

/// Whether the column owning a sequence (in FROM) is an identity column in TO.
fn owner_becomes_identity(to: &Catalog, s: &crate::model::Sequence) -> bool {
    let Some((t, c)) = &s.owned_by else {
        return false;
    };
    to.tables.get(t).and_then(|tt| tt.column(c)).is_some_and(|col| col.identity.is_some())
}

/// Whether a sequence is owned (in FROM) by a column that does not survive into TO.
pub(crate) fn owned_by_dropped_column(to: &Catalog, s: &crate::model::Sequence) -> bool {
    let Some((t, c)) = &s.owned_by else {
        return false;
    };
    to.tables.get(t).is_none_or(|tt| tt.column(c).is_none())
}

/// The SQL statements of one operation.
pub(crate) fn render(op: &SequenceOp) -> Vec<String> {
    let one = |s: String| vec![s];
    match op {
        SequenceOp::Create(s) => one(format!(
            "CREATE {}SEQUENCE {} AS {}{};",
            if s.unlogged { "UNLOGGED " } else { "" },
            s.name.sql(),
            s.data_type,
            seq_options(&s.data_type, &s.options, None)
        )),
        SequenceOp::Drop(q) => one(format!("DROP SEQUENCE {};", q.sql())),
        SequenceOp::Alter { name, data_type, from_type, from, to } => {
            crate::pg::bounds::alter_sequence(name, data_type.as_deref(), from_type, from, to)
        }
        SequenceOp::SetLogged { name, unlogged } => {
            one(format!("ALTER SEQUENCE {} SET {};", name.sql(), if *unlogged { "UNLOGGED" } else { "LOGGED" }))
        }
        SequenceOp::SetOwner { name, owned_by } => {
            let owner = match owned_by {
                Some((t, c)) => format!("{}.{}", t.sql(), Ident(c)),
                None => "NONE".into(),
            };
            one(format!("ALTER SEQUENCE {} OWNED BY {owner};", name.sql()))
        }
    }
}
/// Default MINVALUE, MAXVALUE and START of a sequence of `data_type` with `increment`.
fn seq_defaults(data_type: &str, increment: i64) -> (i64, i64, i64) {
    let (lo, hi) = crate::pg::bounds::type_range(data_type);
    if increment > 0 {
        (1, hi, 1)
    } else {
        (lo, -1, -1)
    }
}

/// Sequence options that differ from `base` (all non-default ones when `base` is None).
pub(crate) fn seq_options(data_type: &str, o: &SeqOptions, base: Option<&SeqOptions>) -> String {
    let (dmin, dmax, dstart) = seq_defaults(data_type, o.increment);
    let def = SeqOptions { start: dstart, increment: 1, min: dmin, max: dmax, cache: 1, cycle: false };
    let base = base.unwrap_or(&def);
    let mut s = String::new();
    if o.increment != base.increment {
        let _ = write!(s, " INCREMENT BY {}", o.increment);
    }
    if o.min != base.min {
        let _ = write!(s, " MINVALUE {}", o.min);
    }
    if o.max != base.max {
        let _ = write!(s, " MAXVALUE {}", o.max);
    }
    if o.start != base.start {
        let _ = write!(s, " START WITH {}", o.start);
    }
    if o.cache != base.cache {
        let _ = write!(s, " CACHE {}", o.cache);
    }
    if o.cycle != base.cycle {
        s.push_str(if o.cycle { " CYCLE" } else { " NO CYCLE" });
    }
    s
}

fn decode_options(r: &Row) -> Result<SeqOptions, Failure> {
    Ok(SeqOptions {
        start: get(r, "seqstart")?,
        increment: get(r, "seqincrement")?,
        min: get(r, "seqmin")?,
        max: get(r, "seqmax")?,
        cache: get(r, "seqcache")?,
        cycle: get(r, "seqcycle")?,
    })
}

/// Rows of `sql/pg/sequence.sql`: sequences, and the options of identity columns' sequences (kept in
/// `identities` for their columns).
pub(crate) fn decode(d: &mut Decoding, rows: &mut dyn Iterator<Item = Row>) -> Result<(), Failure> {
    let Decoding { catalog: cat, oids, identities, .. } = d;
    for r in rows {
        let r = &r;
        let name = QName::new(get::<String>(r, "schema")?, get::<String>(r, "name")?);
        if let Some(table) = get::<Option<u32>>(r, "identity_of_table")? {
            identities.insert((table, get::<i32>(r, "identity_of_column")?), (decode_options(r)?, name));
            continue;
        }
        oids.classes.insert(get(r, "oid")?, ObjectId::of(Kind::Sequence, &name));
        let owned_by = match get::<Option<String>>(r, "owner_table")? {
            Some(t) => Some((QName::new(get::<String>(r, "owner_schema")?, t), get::<String>(r, "owner_column")?)),
            None => None,
        };
        let seq = Sequence {
            name: name.clone(),
            data_type: get(r, "data_type")?,
            options: decode_options(r)?,
            unlogged: get(r, "unlogged")?,
            owned_by,
            comment: get(r, "comment")?,
        };
        cat.sequences.insert(name, seq);
    }
    Ok(())
}
